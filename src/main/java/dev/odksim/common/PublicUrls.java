package dev.odksim.common;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Builds the public URLs phones open: sticker URLs, the phone app, the dashboard. */
@Singleton
public class PublicUrls {

    private final String baseUrl;

    PublicUrls(OdkConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.baseUrl = config.publicBaseUrl().map(PublicUrls::stripSlash).orElseGet(() -> "http://" + lanAddress() + ":" + port);
    }

    public String base() {
        return baseUrl;
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
