package dev.odksim.tls;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTTPS out of the box in the shared test application: the HTTPS port answers with a certificate for this host's LAN
 * address that chains to the CA /trust hands out (checked with the JDK's CertPathValidator, and with curl --cacert
 * as a phone's TLS stack would).
 */
@QuarkusTest
class HttpsServedTest {

    @TestHTTPResource(value = "/", tls = true)
    URL httpsRoot;

    @Test
    void httpsAnswersWithACertificateForTheLanAddressThatChainsToTheLocalCa() throws Exception {
        X509Certificate ca = caFromTrustPage();
        String lan = lanAddress();
        SSLContext trusting = trusting(ca);

        X509Certificate[] served;
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", httpsRoot.getPort())) {
            socket.startHandshake(); // fails unless the served chain is trusted through the CA
            served = Arrays.stream(socket.getSession().getPeerCertificates()).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
        }
        X509Certificate leaf = served[0];
        assertThat(ServerCertificate.subjectAltNames(leaf)).contains("localhost", "127.0.0.1", lan);
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPath path = factory.generateCertPath(List.of(leaf));
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, pkix); // throws when it does not chain

        // The JDK client with hostname checks, at the LAN address a phone uses:
        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(trusting).build().send(
                HttpRequest.newBuilder(URI.create("https://" + lan + ":" + httpsRoot.getPort() + "/trust")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(HttpsCertificates.fingerprint(ca));
    }

    @Test
    void curlTrustsTheServerThroughTheCaAlone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Path caFile = Files.createTempFile("odk-ca", ".pem");
        try {
            Files.writeString(caFile, RestAssured.get("/trust/odk-sim-ca.pem").then().statusCode(200).extract().asString());
            String url = "https://" + lanAddress() + ":" + httpsRoot.getPort() + "/app";
            assertThat(curl("--cacert", caFile.toString(), url)).as("curl --cacert").isEqualTo("200");
            assertThat(curl(url)).as("curl without the CA refuses the certificate").isEqualTo("000");
        } finally {
            Files.deleteIfExists(caFile);
        }
    }

    static X509Certificate caFromTrustPage() throws Exception {
        byte[] der = RestAssured.get("/trust/odk-sim-ca.crt").then().statusCode(200)
                .contentType("application/x-x509-ca-cert").extract().asByteArray();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("odk-sim-ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The first non-loopback IPv4 address of this machine: what a phone on the LAN would use. */
    static String lanAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        assumeTrue(false, "this machine has no non-loopback IPv4 address");
        return null;
    }

    /** curl's HTTP status for {@code url} ({@code 000} when TLS failed). */
    private static String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(curl.getInputStream().readAllBytes()).strip();
    }
}
