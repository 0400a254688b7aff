package dev.odksim.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local CA and the certificates it issues, as plain Java on a temporary data directory: made once and kept
 * (its key owner-only), the server certificate kept while the host's names stay and re-issued when they change or its
 * end nears, and a user's PEM pair read as is or refused when the key is not the certificate's.
 */
class LocalCaTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final List<String> NAMES = List.of("127.0.0.1", "192.168.1.20", "localhost", "qa-laptop");

    @TempDir
    Path dir;

    @Test
    void theCaIsMadeOnceWithAnOwnerOnlyKeyAndKeptAcrossStarts() throws Exception {
        LocalCa first = LocalCa.loadOrCreate(dir, "qa-laptop", NOW);
        assertThat(first.createdNow()).isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalCa.CA_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.certificate().getBasicConstraints()).as("a CA that signs only end entities").isEqualTo(0);

        LocalCa again = LocalCa.loadOrCreate(dir, "qa-laptop", NOW.plus(Duration.ofDays(3)));
        assertThat(again.createdNow()).isFalse();
        assertThat(again.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void theServerCertificateCoversTheNamesChainsToTheCaAndIsKeptWhileTheyStay() throws Exception {
        LocalCa ca = LocalCa.loadOrCreate(dir, "qa-laptop", NOW);
        ServerCertificate served = ServerCertificate.issued(ca, dir, NAMES, NOW);
        assertThat(served.issuedNow()).isTrue();
        assertThat(ServerCertificate.subjectAltNames(served.leaf())).containsExactlyElementsOf(NAMES);
        assertThat(Files.getPosixFilePermissions(dir.resolve(ServerCertificate.SERVER_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertChainsTo(served.leaf(), ca.certificate());

        ServerCertificate afterRestart = ServerCertificate.issued(LocalCa.loadOrCreate(dir, "qa-laptop", NOW), dir, NAMES,
                NOW.plus(Duration.ofDays(10)));
        assertThat(afterRestart.issuedNow()).isFalse();
        assertThat(afterRestart.leaf()).isEqualTo(served.leaf());
    }

    @Test
    void aNewLanAddressOrANearingEndReissuesTheCertificate() throws Exception {
        LocalCa ca = LocalCa.loadOrCreate(dir, "qa-laptop", NOW);
        X509Certificate first = ServerCertificate.issued(ca, dir, NAMES, NOW).leaf();

        List<String> moved = List.of("10.0.0.7", "127.0.0.1", "localhost", "qa-laptop"); // the laptop joined another Wi-Fi
        ServerCertificate onNewNetwork = ServerCertificate.issued(ca, dir, moved, NOW);
        assertThat(onNewNetwork.issuedNow()).isTrue();
        assertThat(ServerCertificate.subjectAltNames(onNewNetwork.leaf())).contains("10.0.0.7").doesNotContain("192.168.1.20");
        assertChainsTo(onNewNetwork.leaf(), ca.certificate());

        Instant nearTheEnd = NOW.plus(ServerCertificate.VALIDITY).minus(Duration.ofDays(5));
        ServerCertificate renewed = ServerCertificate.issued(ca, dir, moved, nearTheEnd);
        assertThat(renewed.issuedNow()).isTrue();
        assertThat(renewed.leaf().getNotAfter().toInstant()).isAfter(nearTheEnd.plus(Duration.ofDays(300)));
        assertThat(first.getSerialNumber()).isNotEqualTo(renewed.leaf().getSerialNumber());
    }

    @Test
    void aCertificateOfAReplacedCaIsReissued() throws Exception {
        LocalCa ca = LocalCa.loadOrCreate(dir, "qa-laptop", NOW);
        ServerCertificate.issued(ca, dir, NAMES, NOW);
        Files.delete(dir.resolve(LocalCa.CA_CERT)); // the user deleted the CA to start over
        LocalCa replaced = LocalCa.loadOrCreate(dir, "qa-laptop", NOW);
        assertThat(replaced.createdNow()).isTrue();
        ServerCertificate served = ServerCertificate.issued(replaced, dir, NAMES, NOW);
        assertThat(served.issuedNow()).isTrue();
        assertChainsTo(served.leaf(), replaced.certificate());
    }

    @Test
    void aSuppliedPairIsServedAsIsAndAMismatchedKeyIsRefused() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        LocalCa ca = LocalCa.loadOrCreate(other, "mkcert", NOW);
        ServerCertificate mine = ServerCertificate.issued(ca, other, List.of("sim.example.test"), NOW);
        Path cert = Files.writeString(dir.resolve("cert.pem"), mine.chainPem());
        Path key = Files.writeString(dir.resolve("key.pem"), mine.keyPem());

        ServerCertificate supplied = ServerCertificate.supplied(cert, key);
        assertThat(supplied.leaf()).isEqualTo(mine.leaf());

        LocalCa another = LocalCa.loadOrCreate(Files.createDirectory(dir.resolve("third")), "x", NOW);
        Path wrongKey = Files.writeString(dir.resolve("wrong.pem"),
                ServerCertificate.issued(another, dir.resolve("third"), List.of("x"), NOW).keyPem());
        assertThatThrownBy(() -> ServerCertificate.supplied(cert, wrongKey)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not the private key of the certificate");
        Path notPem = Files.writeString(dir.resolve("junk.pem"), "hello");
        assertThatThrownBy(() -> ServerCertificate.supplied(notPem, key)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no PEM certificate");
    }

    static void assertChainsTo(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        pkix.setRevocationEnabled(false);
        pkix.setDate(java.util.Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), pkix);
    }
}
