package dev.odksim.tagwriter.transport.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.smartcardio.CardException;
import org.junit.jupiter.api.Test;

class PcscErrorsTest {

    @Test
    void serviceNotRunningSaysStartPcscd() {
        CardException e = new CardException("list() failed", new RuntimeException("SCARD_E_NO_SERVICE"));
        assertThat(PcscErrors.describeUnavailable(e)).startsWith("PC/SC service is not running: start pcscd");
    }

    @Test
    void missingLibraryNamesThePropertyToSet() {
        Exception e = new java.security.NoSuchAlgorithmException("Error constructing implementation",
                new IOException("No PC/SC library found on this system"));
        assertThat(PcscErrors.describeUnavailable(e)).startsWith("PC/SC library not found (sun.security.smartcardio.library=")
                .contains("-Dsun.security.smartcardio.library=/path/to/libpcsclite.so.1");
    }

    @Test
    void noReaderAndNoCardAreRecognised() {
        assertThat(PcscErrors.describeUnavailable(new CardException("x", new RuntimeException("SCARD_E_NO_READERS_AVAILABLE"))))
                .startsWith("no PC/SC reader connected");
        assertThat(PcscErrors.meansNoCard(new CardException("connect() failed", new RuntimeException("SCARD_E_NO_SMARTCARD"))))
                .isTrue();
        assertThat(PcscErrors.meansNoCard(new CardException("x", new RuntimeException("SCARD_E_SHARING_VIOLATION"))))
                .isFalse();
    }
}
