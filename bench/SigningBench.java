import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.util.Date;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * ES256 signing of a key-shaped JWT with nimbus-jose-jwt (docs/benchmarks.md), a single-file program for the JDK's
 * source launcher, on the packaged application and its libraries (package it first):
 *   java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' bench/SigningBench.java [SECONDS_PER_CASE]
 * Cases: a new ECDSASigner per signature (what KeyService once did), one signer reused (JDK provider), one signer
 * reused with Bouncy Castle's provider, that signer holding Bouncy Castle's own private-key object, and odk-sim's
 * Es256Signer on Bouncy Castle's lightweight API (what SigningKeys does). Each case runs single-threaded for the given seconds after a warm-up of the same
 * length; every produced token is checked once against the public key. Cases alternate over three rounds so a
 * neighbour's load on a shared machine hits all of them alike.
 */
public class SigningBench {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
        JWSSigner jdk = new ECDSASigner(key);
        BouncyCastleProvider provider = new BouncyCastleProvider();
        ECDSASigner bc = new ECDSASigner(key);
        bc.getJCAContext().setProvider(provider);
        // The same private key as Bouncy Castle's own key object: its curve parameters, and with them the base point's
        // precomputed multiples, are made once instead of at every signature.
        ECDSASigner bcKey = new ECDSASigner(java.security.KeyFactory.getInstance("EC", provider)
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded())), Curve.P_256);
        bcKey.getJCAContext().setProvider(provider);
        JWSSigner lightweight = new dev.odksim.signing.Es256Signer(key);
        String[] names = {"new ECDSASigner per key (JDK)", "reused signer, JDK provider", "reused signer, Bouncy Castle",
                "reused signer, BC provider and BC key", "Es256Signer, BC lightweight API"};
        Supplier<JWSSigner>[] signers = new Supplier[]{() -> {
            try {
                return new ECDSASigner(key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> jdk, () -> bc, () -> bcKey, () -> lightweight};
        for (int round = 1; round <= 3; round++) {
            for (int c = 0; c < names.length; c++) {
                run(names[c], signers[c], key, verifier, seconds); // warm-up
                double perSecond = run(names[c], signers[c], key, verifier, seconds);
                System.out.printf(Locale.ROOT, "round %d  %-38s %8.0f signatures/s  %6.1f us each%n", round, names[c], perSecond, 1e6 / perSecond);
            }
        }
        System.out.printf("%d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    static double run(String name, Supplier<JWSSigner> signer, ECKey key, ECDSAVerifier verifier, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long start = System.nanoTime();
        String last = null;
        while (System.nanoTime() < end) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("odk-sim").subject("+4712345678").audience("front-door")
                    .jwtID("k-" + n).notBeforeTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                    .issueTime(new Date()).claim("project", "demo").claim("source", "on-demand").build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("odk-key+jwt")).build(), claims);
            jwt.sign(signer.get());
            last = jwt.serialize();
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!SignedJWT.parse(last).verify(verifier)) {
            throw new IllegalStateException(name + " produced a token that does not verify");
        }
        return n / elapsed;
    }
}
