package dev.odksim.tls;

import dev.odksim.common.OdkConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides on start which certificate HTTPS is served with (none, the local CA's, or the user's) and hands it to the
 * HTTP server through Quarkus' TLS registry. Runs on the start-up event, which Quarkus fires before the HTTP server
 * opens its ports, so the certificate exists before the first connection; {@code quarkus.http.tls-configuration-name}
 * names this configuration.
 */
@Singleton
public class HttpsCertificates {

    /** The name {@code quarkus.http.tls-configuration-name} points at (application.properties). */
    public static final String TLS_NAME = "odk-https";

    private static final Logger LOG = Logger.getLogger(HttpsCertificates.class);

    /** Where the served certificate comes from. */
    public enum Mode { OFF, GENERATED, SUPPLIED }

    private final OdkConfig config;
    private final TlsConfigurationRegistry registry;
    private Mode mode = Mode.OFF;
    private LocalCa ca;
    private ServerCertificate served;

    HttpsCertificates(OdkConfig config, TlsConfigurationRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        try {
            prepare();
        } catch (IOException e) {
            throw new UncheckedIOException("HTTPS: " + e.getMessage(), e);
        }
        registry.register(TLS_NAME, new ServedTlsConfiguration(served));
    }

    private void prepare() throws IOException {
        OdkConfig.Https https = config.https();
        if (!https.enabled()) {
            mode = Mode.OFF;
            return;
        }
        if (https.certificateFile().isPresent() != https.keyFile().isPresent()) {
            throw new IOException("odk.https.certificate-file and odk.https.key-file go together: set both or neither");
        }
        if (https.certificateFile().isPresent()) {
            served = ServerCertificate.supplied(Path.of(https.certificateFile().get()), Path.of(https.keyFile().get()));
            mode = Mode.SUPPLIED;
            LOG.infof("HTTPS serves the supplied certificate %s", served.leaf().getSubjectX500Principal().getName());
            return;
        }
        // Certificates live in real time: the simulator clock's time travel must not expire them.
        Instant now = Instant.now();
        Path dir = Path.of(config.dataDir(), "tls");
        ca = LocalCa.loadOrCreate(dir, HostNames.hostName(), now);
        served = ServerCertificate.issued(ca, dir, HostNames.ofThisHost(), now);
        mode = Mode.GENERATED;
        if (ca.createdNow()) {
            LOG.infof("HTTPS: created a local CA in %s (SHA-256 %s); phones trust it once through /trust", dir, caFingerprint().orElseThrow());
        }
        if (served.issuedNow()) {
            LOG.infof("HTTPS: issued a certificate for %s", ServerCertificate.subjectAltNames(served.leaf()));
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The generated CA phones should trust; empty when HTTPS is off or serves a supplied certificate. */
    public Optional<X509Certificate> ca() {
        return Optional.ofNullable(ca).map(LocalCa::certificate);
    }

    /** The certificate HTTPS serves (leaf first); empty when HTTPS is off. */
    public Optional<ServerCertificate> served() {
        return Optional.ofNullable(served);
    }

    /** The CA's SHA-256 fingerprint as phones and browsers show it: upper-case hex pairs joined by colons. */
    public Optional<String> caFingerprint() {
        return ca().map(HttpsCertificates::fingerprint);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint a certificate", e);
        }
    }
}
