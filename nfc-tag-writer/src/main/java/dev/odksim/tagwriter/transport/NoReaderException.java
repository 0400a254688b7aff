package dev.odksim.tagwriter.transport;

/** No usable reader: PC/SC service or library missing, or no reader (matching the name). */
public class NoReaderException extends RuntimeException {
    public NoReaderException(String message) {
        super(message);
    }

    public NoReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
