package dev.odksim.key;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the signing keys are loaded at start-up, "is signing ready" answers no instead of failing: the /v2
 * provisioning tick asks it every second and may run before the start-up observer has loaded the keys (it logged a
 * NullPointerException every second of a slow start).
 */
class SigningReadyTest {

    @Test
    void signingIsNotReadyBeforeTheKeysAreLoaded() {
        KeyService keys = new KeyService();
        keys.signingKeys = new SigningKeys();
        assertThat(keys.signingReady()).isFalse();
    }
}
