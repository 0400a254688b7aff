package dev.odksim.common;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one rule for URLs the simulator calls out to (decision endpoints, token endpoints, JWKS URLs): absolute http(s)
 * with a host, no fragment, and no credentials ({@code user:password@}), because these URLs are shown, recorded and
 * logged unmasked; a secret belongs in the auth settings.
 */
public final class HttpUrls {

    private HttpUrls() {
    }

    public static boolean isHttpUrl(String url, boolean queryAllowed) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (queryAllowed || uri.getRawQuery() == null) && uri.getRawFragment() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether two URLs share scheme, host and port (default ports filled in); an unparsable one shares nothing. */
    public static boolean sameOrigin(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        try {
            URI x = new URI(a);
            URI y = new URI(b);
            return x.getScheme() != null && y.getScheme() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost() != null && y.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost())
                    && port(x) == port(y);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
