package dev.odksim.tagwriter.emulator;

import dev.odksim.tagwriter.tag.NtagType;
import dev.odksim.tagwriter.transport.NoTagException;
import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.transport.TagReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code emulator:TYPE[,OPTION…][:FILE]} reader: one emulated tag always in the field (or none,
 * for {@code emulator:none}). Each {@link #awaitTag} is a new tap; the memory is loaded from FILE
 * at the start and saved back when the tap ends. Option {@code lost-write=PAGE} makes the tag ACK
 * writes to that page without storing them, like a sticker pulled away mid-write.
 */
public final class EmulatorReader implements TagReader {

    private final String spec;
    private final EmulatedNtag tag;
    private final Path file;

    public EmulatorReader(String spec, EmulatedNtag tag, Path file) {
        this.spec = spec;
        this.tag = tag;
        this.file = file;
    }

    public static EmulatorReader parse(String spec) {
        int colon = spec.indexOf(':');
        String typePart = colon < 0 ? spec : spec.substring(0, colon);
        Path file = colon < 0 ? null : Path.of(spec.substring(colon + 1));
        String[] options = typePart.split(",");
        if (options[0].equals("none")) {
            return new EmulatorReader("emulator:" + spec, null, null);
        }
        NtagType type = NtagType.parse(options[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown emulated tag '" + options[0] + "': use ntag213, ntag215 or ntag216"));
        EmulatedNtag tag = file != null && Files.exists(file) ? EmulatorFile.load(type, file)
                : EmulatedNtag.factoryNew(type, EmulatedNtag.randomUid());
        for (int i = 1; i < options.length; i++) {
            if (options[i].startsWith("lost-write=")) {
                tag.loseWritesTo(Integer.parseInt(options[i].substring("lost-write=".length())));
            } else {
                throw new IllegalArgumentException("unknown emulator option '" + options[i] + "'");
            }
        }
        return new EmulatorReader("emulator:" + spec, tag, file);
    }

    public EmulatedNtag tag() {
        return tag;
    }

    @Override
    public String name() {
        return spec;
    }

    @Override
    public TagConnection awaitTag(Duration timeout) {
        if (tag == null) {
            throw new NoTagException("no tag on " + spec + " (waited " + timeout.toSeconds() + " s)");
        }
        tag.activate();
        return new Connection();
    }

    @Override
    public boolean awaitRemoval(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
    }

    private final class Connection implements TagConnection {
        @Override
        public byte[] uid() {
            return tag.uid();
        }

        @Override
        public byte[] read(int page) {
            return tag.read(page);
        }

        @Override
        public void write(int page, byte[] data) {
            tag.write(page, data);
        }

        @Override
        public boolean supportsRawCommands() {
            return true;
        }

        @Override
        public byte[] getVersion() {
            return tag.getVersion();
        }

        @Override
        public byte[] pwdAuth(byte[] password) {
            return tag.pwdAuth(password);
        }

        @Override
        public int readCounter() {
            return tag.readCounter();
        }

        @Override
        public String readerName() {
            return spec;
        }

        @Override
        public void close() {
            if (file != null) {
                EmulatorFile.save(tag, file);
            }
        }
    }

}
