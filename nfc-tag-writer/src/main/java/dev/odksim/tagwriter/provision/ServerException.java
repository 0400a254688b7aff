package dev.odksim.tagwriter.provision;

/** The simulator's admin API could not be reached or did not answer 2xx. */
public class ServerException extends RuntimeException {
    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
