package dev.odksim.tagwriter.tag;

import dev.odksim.tagwriter.transport.TagConnection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Passes every command to an emulated tag's connection and notes each WRITE as "page:HEX" in order. */
class RecordingConnection implements TagConnection {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final TagConnection inner;
    final List<String> writes = new ArrayList<>();
    final List<Integer> reads = new ArrayList<>();
    /** False plays a reader that cannot pass raw NTAG commands through (GET_VERSION, PWD_AUTH). */
    boolean raw = true;
    /** When set, the GET_VERSION answer instead of the emulated tag's. */
    byte[] version;

    RecordingConnection(TagConnection inner) {
        this.inner = inner;
    }

    @Override
    public byte[] uid() {
        return inner.uid();
    }

    @Override
    public byte[] read(int page) {
        reads.add(page);
        return inner.read(page);
    }

    @Override
    public void write(int page, byte[] data) {
        writes.add(page + ":" + HEX.formatHex(data));
        inner.write(page, data);
    }

    @Override
    public boolean supportsRawCommands() {
        return raw;
    }

    @Override
    public byte[] getVersion() {
        if (!raw) {
            throw new AssertionError("GET_VERSION sent through a reader that cannot send it");
        }
        return version != null ? version.clone() : inner.getVersion();
    }

    @Override
    public byte[] pwdAuth(byte[] password) {
        if (!raw) {
            throw new AssertionError("PWD_AUTH sent through a reader that cannot send it");
        }
        return inner.pwdAuth(password);
    }

    @Override
    public int readCounter() {
        return inner.readCounter();
    }

    @Override
    public String readerName() {
        return inner.readerName();
    }

    @Override
    public void close() {
        inner.close();
    }
}
