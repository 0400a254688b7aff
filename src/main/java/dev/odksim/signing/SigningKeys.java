package dev.odksim.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;

/**
 * The platform's key-signing keys: generated on first start, persisted, loaded on every start (docs/design.md §7.2), and
 * rotated on the admin's request. A retired key stays in the JWKS until every key it signed has expired (and at least
 * {@code odk.keys.previous-key-grace}), so rotation never breaks a key already on a phone. Private halves never
 * leave this class; the JWKS carries only public keys.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    /** A public key and until when it is published (null: the current key, published while current). */
    private record Published(JWK publicKey, Instant verifyUntil) {
    }

    /** Summary of a signing key for the admin API (never the private half). */
    public record Info(String kid, Instant createdAt, Instant retiredAt, Instant verifyUntil, boolean current, boolean published) {
    }

    /** The current key and its signer, built once per key (not per signature) and swapped together on rotation. */
    public record Current(ECKey key, JWSSigner signer) {
    }

    private volatile Current current;
    private volatile List<Published> published = List.of();

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /**
     * Loads the keys from the database, generating the first one into an empty database. Runs every
     * {@code odk.cluster.key-reload} too (per instance on purpose: it reads), so instances sharing one database sign
     * with, and publish, a rotation done on another instance within that bound, and a retired key's publication is
     * extended if a key it signed outlives it (a mint that raced the rotation).
     */
    @Scheduled(every = "${odk.cluster.key-reload}", delayed = "${odk.cluster.key-reload}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void reload() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<SigningKey> active = SigningKey.list("retiredAt is null order by createdAt desc");
            if (active.isEmpty()) {
                lockRotation();
                active = SigningKey.list("retiredAt is null order by createdAt desc");
                if (active.isEmpty()) {
                    active = List.of(generate());
                }
            }
            List<SigningKey> all = SigningKey.list("order by createdAt desc");
            for (SigningKey row : all) {
                if (row.retiredAt != null) {
                    Instant lastEnd = lastKeyEnd(row.kid);
                    if (lastEnd != null && (row.verifyUntil == null || lastEnd.isAfter(row.verifyUntil))) {
                        row.verifyUntil = lastEnd;
                    }
                }
            }
            ECKey key = parse(active.get(0));
            if (current == null || !current.key().equals(key)) {
                current = new Current(key, signer(key));
            }
            published = all.stream().map(k -> new Published(parse(k).toPublicJWK(), k.retiredAt == null ? null : k.verifyUntil)).toList();
        });
    }

    /** Retires the current key and starts signing with a fresh one; returns the new key's id. */
    public synchronized String rotate() {
        QuarkusTransaction.requiringNew().run(() -> {
            lockRotation();
            Instant now = clock.now();
            for (SigningKey row : SigningKey.<SigningKey>list("retiredAt is null")) {
                row.retiredAt = now;
                Instant grace = now.plus(config.keys().previousKeyGrace());
                Instant lastEnd = lastKeyEnd(row.kid);
                row.verifyUntil = lastEnd != null && lastEnd.isAfter(grace) ? lastEnd : grace;
                LOG.infof("Retired key-signing key %s; it stays in the JWKS until %s", row.kid, row.verifyUntil);
            }
            generate();
        });
        reload();
        return current.key().getKeyID();
    }

    public List<Info> info() {
        Instant now = clock.now();
        return SigningKey.<SigningKey>list("order by createdAt desc").stream()
                .map(k -> new Info(k.kid, k.createdAt, k.retiredAt, k.verifyUntil, k.kid.equals(current.key().getKeyID()),
                        k.retiredAt == null || (k.verifyUntil != null && now.isBefore(k.verifyUntil))))
                .toList();
    }

    /**
     * Serialises rotations (and the first key's generation) across instances sharing the database: the mutex row is
     * locked until this transaction ends, so the next rotation reads the key this one created and retires it, and
     * there is never more than one current key.
     */
    private static void lockRotation() {
        SigningKey.getEntityManager().createNativeQuery("select name from mutexes where name = 'signing-keys' for update")
                .getResultList();
    }

    /** The end of the last access key signed by {@code kid} (JPQL by entity name: no compile-time tie to {@code key}). */
    private static Instant lastKeyEnd(String kid) {
        return SigningKey.getEntityManager().createQuery("select max(k.end) from AccessKey k where k.signingKid = :kid", Instant.class)
                .setParameter("kid", kid).getSingleResult();
    }

    private SigningKey generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).keyID("odk-" + Ids.shortId(12)).generate();
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

    /** The current key; null until the keys are loaded at start-up (schedulers may tick before that). */
    public ECKey current() {
        Current loaded = current;
        return loaded == null ? null : loaded.key();
    }

    /** The current key with its ready signer. */
    public Current currentSigner() {
        return current;
    }

    /** The ES256 signer of a key ({@link Es256Signer}), made once per key, not per signature. */
    private static JWSSigner signer(ECKey key) {
        try {
            return new Es256Signer(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Key-signing key " + key.getKeyID() + " cannot sign", e);
        }
    }

    /**
     * Signs other platform JWTs (e.g. scan proofs) with the current key; their distinct JOSE {@code typ} keeps them
     * from ever passing as a key.
     */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        Current key = current;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.key().getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a " + type, e);
        }
        return jwt.serialize();
    }

    /** The public JWKS served at {@code /.well-known/jwks.json}: the current key and retired keys still needed, per the clock. */
    public JWKSet publicJwks() {
        Instant now = clock.now();
        return new JWKSet(published.stream().filter(p -> p.verifyUntil() == null || now.isBefore(p.verifyUntil()))
                .map(Published::publicKey).toList());
    }
}
