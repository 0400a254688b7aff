package dev.odksim.tagwriter.transport;

/** The reader is there but no tag came into the field in time (or it left mid-operation). */
public class NoTagException extends RuntimeException {
    public NoTagException(String message) {
        super(message);
    }

    public NoTagException(String message, Throwable cause) {
        super(message, cause);
    }
}
