package dev.odksim.tagwriter.tag;

import dev.odksim.tagwriter.transport.TagConnection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Passes every command to an emulated tag's connection and notes each WRITE as "page:HEX" in order. */
final class RecordingConnection implements TagConnection {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final TagConnection inner;
    final List<String> writes = new ArrayList<>();

    RecordingConnection(TagConnection inner) {
        this.inner = inner;
    }

    @Override
    public byte[] uid() {
        return inner.uid();
    }

    @Override
    public byte[] read(int page) {
        return inner.read(page);
    }

    @Override
    public void write(int page, byte[] data) {
        writes.add(page + ":" + HEX.formatHex(data));
        inner.write(page, data);
    }

    @Override
    public boolean supportsRawCommands() {
        return inner.supportsRawCommands();
    }

    @Override
    public byte[] getVersion() {
        return inner.getVersion();
    }

    @Override
    public byte[] pwdAuth(byte[] password) {
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
