package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.provision.ServerException;
import dev.odksim.tagwriter.tag.TagRefusedException;
import dev.odksim.tagwriter.tag.VerifyFailedException;
import dev.odksim.tagwriter.transport.NoReaderException;
import dev.odksim.tagwriter.transport.NoTagException;
import dev.odksim.tagwriter.transport.TagCommandException;
import dev.odksim.tagwriter.write.BadUrlException;

/** The exit codes of docs/api.md's command-line table, and which domain error means which. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Anything unexpected (I/O on a report file, a bug): not part of the API contract. */
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int NO_READER = 3;
    public static final int NO_TAG = 4;
    public static final int TAG_REFUSED = 5;
    public static final int VERIFY_FAILED = 6;
    public static final int SERVER_ERROR = 7;

    private ExitCodes() {
    }

    public static int of(Throwable e) {
        if (e instanceof BadUrlException || e instanceof UsageException || e instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (e instanceof NoReaderException) {
            return NO_READER;
        }
        if (e instanceof NoTagException) {
            return NO_TAG;
        }
        if (e instanceof TagRefusedException) {
            return TAG_REFUSED;
        }
        if (e instanceof TagCommandException t) {
            return t.nak() == TagCommandException.READER_ERROR ? NO_READER : TAG_REFUSED;
        }
        if (e instanceof VerifyFailedException) {
            return VERIFY_FAILED;
        }
        if (e instanceof ServerException) {
            return SERVER_ERROR;
        }
        return UNEXPECTED;
    }
}
