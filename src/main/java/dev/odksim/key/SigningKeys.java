package dev.odksim.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.SimClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.text.ParseException;
import java.util.List;

/**
 * The platform's key-signing keys: generated on first start, persisted, loaded on every start (DESIGN.md §7.2).
 * The private halves never leave this class; the JWKS carries only public keys.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    SimClock clock;

    private volatile ECKey current;
    private volatile JWKSet publicKeys;

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** Loads the keys from the database, generating the first one into an empty database. */
    public synchronized void reload() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<SigningKey> stored = SigningKey.list("retiredAt is null order by createdAt desc");
            if (stored.isEmpty()) {
                stored = List.of(generate());
            }
            List<SigningKey> all = SigningKey.list("order by createdAt desc");
            current = parse(stored.get(0));
            publicKeys = new JWKSet(all.stream().map(k -> (com.nimbusds.jose.jwk.JWK) parse(k).toPublicJWK()).toList());
        });
    }

    private SigningKey generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).keyID("odk-" + Ids.shortId(12)).generate();
            SigningKey row = new SigningKey();
            row.kid = key.getKeyID();
            row.privateJwk = key.toJSONString();
            row.createdAt = clock.now();
            row.persist();
            LOG.infof("Generated key-signing key %s", row.kid);
            return row;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    private static ECKey parse(SigningKey row) {
        try {
            return ECKey.parse(row.privateJwk);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + row.kid + " is corrupt", e);
        }
    }

    ECKey current() {
        return current;
    }

    /**
     * Signs other platform JWTs (e.g. scan proofs) with the current key; their distinct JOSE {@code typ} keeps them
     * from ever passing as a key.
     */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        ECKey key = current;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a " + type, e);
        }
        return jwt.serialize();
    }

    /** The public JWKS served at {@code /.well-known/jwks.json}. */
    public JWKSet publicJwks() {
        return publicKeys;
    }
}
