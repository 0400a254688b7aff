package dev.odksim.tagwriter.cli;

/** An option value that picocli accepted but that makes no sense (bad hex password, missing flag). */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
