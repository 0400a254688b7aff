package dev.odksim.tagwriter.transport.pcsc;

/** Turns what javax.smartcardio / pcsc-lite throw into one line a QA person can act on. */
final class PcscErrors {

    static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";

    private PcscErrors() {
    }

    /** The message for a failure to reach PC/SC at all (library, service). */
    static String describeUnavailable(Throwable e) {
        String chain = chain(e);
        if (chain.contains("SCARD_E_NO_SERVICE") || chain.contains("SCARD_E_SERVICE_STOPPED")) {
            return "PC/SC service is not running: start pcscd (e.g. 'sudo systemctl start pcscd' or 'sudo pcscd')";
        }
        if (chain.contains("SCARD_E_NO_READERS_AVAILABLE")) {
            return "no PC/SC reader connected: plug in a reader (and check 'pcsc_scan')";
        }
        if (chain.contains("No PC/SC library") || chain.contains("UnsatisfiedLinkError")
                || chain.contains("libpcsclite") || chain.contains("cannot open shared object")) {
            String lib = System.getProperty(LIBRARY_PROPERTY, "(JDK default)");
            return "PC/SC library not found (" + LIBRARY_PROPERTY + "=" + lib + "): install libpcsclite1 or run with"
                    + " -D" + LIBRARY_PROPERTY + "=/path/to/libpcsclite.so.1";
        }
        return "PC/SC is not available: " + rootMessage(e);
    }

    /** The message for a failure while talking to a present reader/card. */
    static boolean meansNoCard(Throwable e) {
        String chain = chain(e);
        return chain.contains("SCARD_E_NO_SMARTCARD") || chain.contains("SCARD_W_REMOVED_CARD")
                || chain.contains("SCARD_W_UNPOWERED_CARD") || chain.contains("SCARD_W_UNRESPONSIVE_CARD")
                || chain.contains("SCARD_E_READER_UNAVAILABLE") || chain.contains("SCARD_W_RESET_CARD");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
