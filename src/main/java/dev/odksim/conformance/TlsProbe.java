package dev.odksim.conformance;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The TLS handshake an https endpoint must pass: the JVM's default trust store (the one the decision caller's
 * HTTP client uses) and host name verification. Separate from the HTTP call so a bad certificate is told apart
 * from an unreachable host, and so the certificate's subject and expiry can be shown.
 */
final class TlsProbe {

    /** The handshake's evidence, and whether the TCP connection itself failed (unreachable, not a TLS fault). */
    record Outcome(boolean connected, boolean valid, Evidence evidence) {
    }

    private TlsProbe() {
    }

    static Outcome probe(String url, int connectTimeoutMs, int timeoutMs) {
        URI uri = URI.create(url);
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        String address = uri.getHost() + ":" + port;
        String curl = "curl -sS -v -o /dev/null '" + url.replace("'", "'\\''") + "'";
        long started = System.nanoTime();
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMs);
        } catch (IOException e) {
            close(tcp);
            return new Outcome(false, false, evidence(address, "UNREACHABLE", "TCP connect failed: " + e.getMessage(), started, curl));
        }
        try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(tcp, uri.getHost(), port, true)) {
            tls.setSoTimeout(timeoutMs);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            long daysLeft = Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays();
            return new Outcome(true, true, evidence(address, "TLS_VALID", tls.getSession().getProtocol() + " "
                    + tls.getSession().getCipherSuite() + "; subject " + leaf.getSubjectX500Principal().getName() + "; issuer "
                    + leaf.getIssuerX500Principal().getName() + "; valid until " + leaf.getNotAfter().toInstant()
                    + " (" + daysLeft + " days left)", started, curl));
        } catch (IOException e) {
            close(tcp);
            return new Outcome(true, false, evidence(address, "TLS_INVALID", "TLS handshake failed: " + e.getMessage(), started, curl));
        }
    }

    private static Evidence evidence(String address, String outcome, String reason, long started, String curl) {
        return new Evidence("TLS handshake with " + address, "TLS", address, Map.of(), null, null, null, null, null,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), outcome, reason, curl, null, null, null, null);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the probe already has its answer
        }
    }
}
