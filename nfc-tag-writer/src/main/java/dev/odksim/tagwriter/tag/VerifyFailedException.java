package dev.odksim.tagwriter.tag;

/** Reading back after a write did not give what was written. */
public class VerifyFailedException extends RuntimeException {
    public VerifyFailedException(String message) {
        super(message);
    }
}
