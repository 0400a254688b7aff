package dev.odksim.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of a URL component: only unreserved characters stay literal, so {@code +} is
 * {@code %2B} (a raw {@code +} decodes to a space in Express, Spring, ASP.NET, Flask and PHP; docs/design.md §6.3).
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
