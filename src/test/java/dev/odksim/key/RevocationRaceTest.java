package dev.odksim.key;

import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import dev.odksim.testing.Race;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin's revocation racing the signing step of a mint: whatever the interleaving, the key ends revoked, the lock's
 * signed revocation list carries it, and a token that was handed out is the one on record.
 */
@QuarkusTest
class RevocationRaceTest {

    @Inject
    KeyService keys;
    @Inject
    KeyRevocations revocations;

    @Test
    void aRevocationRacingTheSigningStepAlwaysWins() throws Exception {
        String lock = Api.newLock("demo");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int round = 0; round < 25; round++) {
            String id = QuarkusTransaction.requiringNew().call(() -> keys.reserve(
                    new KeyService.KeyRequest("demo", lock, Api.OLA, now, now.plusSeconds(600), "assigned", null)).id);
            List<Object> outcomes = Race.run(List.of(
                    () -> {
                        try {
                            return keys.issueAllById(List.of(id)).get(0).token;
                        } catch (RuntimeException e) {
                            return e;
                        }
                    },
                    () -> {
                        try {
                            return revocations.revoke("demo", id, "race " + id);
                        } catch (RuntimeException e) {
                            return e;
                        }
                    }));
            assertThat(outcomes.get(1)).as("the revocation of round %d", round).isInstanceOf(AccessKey.class);
            AccessKey stored = QuarkusTransaction.requiringNew().call(() -> AccessKey.<AccessKey>findById(id));
            assertThat(stored.state).as("round %d", round).isEqualTo(KeyState.STORED_REVOKED);
            if (outcomes.get(0) instanceof String token) {
                // The mint answered with a token: it is the one on record, with the key that signed it.
                assertThat(stored.token).as("round %d: the token on record", round).isEqualTo(token);
                assertThat(stored.signingKid).isNotNull();
            } else {
                assertThat(outcomes.get(0)).isInstanceOfSatisfying(dev.odksim.common.ProblemException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
                assertThat(stored.token).isNull();
            }
            List<String> listed = QuarkusTransaction.requiringNew().call(() -> SignedJWT.parse(revocations.revocationList(lock))
                    .getJWTClaimsSet().getStringListClaim("revoked"));
            assertThat(listed).as("round %d", round).contains(id);
        }
    }
}
