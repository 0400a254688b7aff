package dev.odksim.tagwriter.tag;

/** The tag cannot take what we want to write: too small, locked, or password-protected. */
public class TagRefusedException extends RuntimeException {

    public enum Reason { TOO_SMALL, LOCKED, AUTH, UNSUPPORTED }

    private final Reason reason;

    public TagRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
