package dev.odksim.project;

import dev.odksim.common.Problem.InvalidParam;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an integrator's API header ({@code auth.type = header}) may be, checked when it is saved so the caller never
 * sends something other than what was configured (docs/security.md, findings 1 and 3): the name an RFC 9110 token that
 * is not hop-by-hop, framing or set by the platform itself; the value visible ASCII with inner spaces or tabs only
 * (RFC 9110 §5.5 field-value, without obs-text, which the JDK client would reject or send as {@code ?}).
 */
final class AuthHeaderRules {

    /** RFC 9110 §5.6.2 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}");
    /** Visible ASCII at both ends, visible ASCII, space or tab inside. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E]([\\x21-\\x7E \\t]*[\\x21-\\x7E])?");

    /**
     * Lower case. Hop-by-hop (RFC 9110 §7.6.1) and framing headers belong to the transport; the others are set by the
     * caller itself on every decision call (docs/design.md §6.3) and the request signing, and must not be replaced.
     */
    static final Set<String> RESERVED = Set.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "content-encoding", "content-type", "expect",
            "accept", "authorization", "user-agent", "x-request-id",
            "webhook-id", "webhook-timestamp", "webhook-signature");

    private AuthHeaderRules() {
    }

    static void checkName(String name, List<InvalidParam> invalid) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            invalid.add(new InvalidParam("auth.headerName", "must be an HTTP header name (RFC 9110 token characters, 1-200)"));
        } else if (isReserved(name)) {
            invalid.add(new InvalidParam("auth.headerName", "'" + name + "' is set by the transport or by the platform itself "
                    + "(hop-by-hop, framing, Accept, Authorization, User-Agent, X-Request-Id, the signing headers and Proxy-*); "
                    + "use another name, or auth type oauth2 for a Bearer token"));
        }
    }

    static void checkValue(String value, int maxLength, List<InvalidParam> invalid) {
        if (value == null || value.isEmpty() || value.length() > maxLength || !VALUE.matcher(value).matches()) {
            invalid.add(new InvalidParam("auth.headerValue", "is required: 1-" + maxLength + " visible ASCII characters "
                    + "(spaces or tabs only between them); other characters cannot be sent in an HTTP header as typed"));
        }
    }

    static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith("proxy-");
    }
}
