package dev.odksim.tagwriter.transport;

/**
 * One tap: a connection to the tag in the field, speaking the Type 2 / NTAG21x command set. READ
 * and WRITE work on every transport; the raw NTAG commands (GET_VERSION, PWD_AUTH, READ_CNT) only
 * where the reader can pass them through ({@link #supportsRawCommands()}).
 */
public interface TagConnection extends AutoCloseable {

    /** The chip's 7-byte UID. */
    byte[] uid();

    /** READ: 16 bytes, pages {@code page..page+3} (rolling over at the end of memory). */
    byte[] read(int page);

    /** WRITE: 4 bytes to one page; a NAK becomes {@link TagCommandException}. */
    void write(int page, byte[] data);

    boolean supportsRawCommands();

    /** GET_VERSION: 8 bytes (vendor, type, subtype, major, minor, storage size, protocol). */
    byte[] getVersion();

    /** PWD_AUTH: returns the 2-byte PACK; a NAK (wrong password) becomes {@link TagCommandException}. */
    byte[] pwdAuth(byte[] password);

    /** READ_CNT 02: the 24-bit NFC counter. */
    int readCounter();

    /** Reader name as the user knows it, for messages. */
    String readerName();

    @Override
    void close();
}
