package dev.odksim.tagwriter.write;

/** The URL given to write or encode is not an absolute URI a phone could open. */
public class BadUrlException extends RuntimeException {
    public BadUrlException(String message) {
        super(message);
    }
}
