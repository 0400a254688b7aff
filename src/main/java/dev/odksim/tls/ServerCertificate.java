package dev.odksim.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The certificate HTTPS is served with, and its key: a PEM chain (leaf first) and a PEM private key. Either issued by
 * the {@link LocalCa} for this host's names (kept in {@code <data dir>/tls} and re-issued when the names change or
 * the end nears), or supplied by the user (e.g. a real domain's certificate, or mkcert's).
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key, String chainPem, String keyPem, boolean issuedNow) {

    static final String SERVER_CERT = "server.crt";
    static final String SERVER_KEY = "server.key";
    /** Apple accepts at most 825 days for a TLS certificate under a user-installed root; 397 keeps to the stricter public rule. */
    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The stored certificate when it is the CA's, covers exactly {@code names} and is not near its end; else a new one, stored. */
    static ServerCertificate issued(LocalCa ca, Path dir, List<String> names, Instant now) throws IOException {
        Path certFile = dir.resolve(SERVER_CERT);
        Path keyFile = dir.resolve(SERVER_KEY);
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            String chainPem = Pem.read(certFile);
            String keyPem = Pem.read(keyFile);
            X509Certificate stored = Pem.certificates(chainPem, certFile.toString()).get(0);
            if (stillGood(stored, ca, names, now)) {
                return new ServerCertificate(List.of(stored, ca.certificate()), Pem.privateKey(keyPem, keyFile.toString()),
                        chainPem, keyPem, false);
            }
        }
        KeyPair keys = LocalCa.newKeyPair();
        X509Certificate leaf = ca.issueServerCertificate(keys, HostNames.hostName(), names, now.minus(Duration.ofHours(1)),
                now.plus(VALIDITY));
        String chainPem = Pem.encode(leaf, ca.certificate());
        String keyPem = Pem.encodePrivateKey(keys.getPrivate());
        Pem.write(keyFile, keyPem, true);
        Pem.write(certFile, chainPem, false);
        return new ServerCertificate(List.of(leaf, ca.certificate()), keys.getPrivate(), chainPem, keyPem, true);
    }

    /** A user's PEM pair: read as is, and refused with a clear message when the key is not the certificate's. */
    static ServerCertificate supplied(Path certFile, Path keyFile) throws IOException {
        String chainPem = Pem.read(certFile);
        String keyPem = Pem.read(keyFile);
        List<X509Certificate> chain = Pem.certificates(chainPem, certFile.toString());
        PrivateKey key = Pem.privateKey(keyPem, keyFile.toString());
        if (!pairs(chain.get(0).getPublicKey(), key)) {
            throw new IOException(keyFile + " is not the private key of the certificate in " + certFile);
        }
        return new ServerCertificate(chain, key, chainPem, keyPem, false);
    }

    /** Whether the key signs what the certificate's public key verifies (EC, RSA or EdDSA keys). */
    private static boolean pairs(PublicKey publicKey, PrivateKey privateKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> privateKey.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "odk-sim key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean stillGood(X509Certificate stored, LocalCa ca, List<String> names, Instant now) {
        try {
            stored.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return false; // another CA's (the CA was replaced)
        }
        return stored.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
                && subjectAltNames(stored).equals(new TreeSet<>(names));
    }

    /** The DNS names and IP addresses of a certificate's SAN, in {@link HostNames#canonical} form. */
    public static TreeSet<String> subjectAltNames(X509Certificate certificate) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            for (List<?> entry : entries == null ? new ArrayList<List<?>>() : entries) {
                int type = (Integer) entry.get(0);
                if (type == 2 || type == 7) { // dNSName, iPAddress
                    names.add(HostNames.canonical((String) entry.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SAN: the empty set, which matches no host
        }
        return names;
    }
}
