package dev.odksim.tagwriter.transport;

/** The tag answered a command with a NAK, or the reader could not pass the command through. */
public class TagCommandException extends RuntimeException {

    /** NAK codes of the NTAG21x datasheet (4-bit answers). */
    public static final int NAK_INVALID_ARGUMENT = 0x0;
    public static final int NAK_CRC_ERROR = 0x1;
    public static final int NAK_AUTH_LIMIT = 0x4;
    public static final int NAK_WRITE_ERROR = 0x5;
    /** Not a NAK: the reader itself failed or refused (status words, unsupported pseudo-APDU). */
    public static final int READER_ERROR = -1;

    private final int nak;

    public TagCommandException(int nak, String message) {
        super(message);
        this.nak = nak;
    }

    public int nak() {
        return nak;
    }
}
