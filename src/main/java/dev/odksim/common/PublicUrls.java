package dev.odksim.common;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Builds the public URLs phones open: sticker URLs, the phone app, the dashboard. Which base wins
 * (docs/configuration.md): {@code odk.public-base-url} when set; else HTTPS on this host's LAN address when HTTPS is on;
 * else plain HTTP on it.
 */
@Singleton
public class PublicUrls {

    private final String baseUrl;
    private final String plainHttpBase;
    private final Optional<String> httpsBase;

    PublicUrls(OdkConfig config, @ConfigProperty(name = "quarkus.http.port") int port,
               @ConfigProperty(name = "quarkus.http.ssl-port") int httpsPort) {
        String lan = lanAddress();
        Optional<String> configured = config.publicBaseUrl().map(PublicUrls::stripSlash);
        this.plainHttpBase = configured.filter(url -> url.startsWith("http://")).orElse("http://" + lan + ":" + port);
        this.httpsBase = configured.filter(url -> url.startsWith("https://"))
                .or(() -> config.https().enabled() ? Optional.of("https://" + lan + ":" + httpsPort) : Optional.empty());
        this.baseUrl = configured.orElseGet(() -> config.https().enabled() ? "https://" + lan + ":" + httpsPort : plainHttpBase);
    }

    public String base() {
        return baseUrl;
    }

    /**
     * Plain HTTP on this host's LAN address (or the configured base when that is plain HTTP): where a phone that does
     * not trust the simulator's CA yet opens {@code /trust}.
     */
    public String plainHttpBase() {
        return plainHttpBase;
    }

    /** HTTPS on this host (or the configured HTTPS base): empty when HTTPS is off. */
    public Optional<String> httpsBase() {
        return httpsBase;
    }

    public String sticker(String tagId) {
        return baseUrl + "/t/" + tagId;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The first site-local IPv4 address of an up, non-loopback interface; localhost when there is none. */
    static String lanAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to localhost
        }
        return "localhost";
    }
}
