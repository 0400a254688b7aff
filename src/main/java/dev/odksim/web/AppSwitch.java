package dev.odksim.web;

import dev.odksim.common.PercentEncoding;
import dev.odksim.common.PhoneNumbers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of Unloc's app-switch links ({@code /use-key}, {@code /prefetch-keys}; docs/unloc-api.md): which return
 * targets are safe to send a browser to, and how an error travels back to {@code redirectOnError}. Pure, so the rules
 * are unit-tested and the page and the dashboard can never disagree with them.
 */
public final class AppSwitch {

    /** Error codes added to {@code redirectOnError} as {@code error=CODE&message=...} (ours: Unloc does not document them). */
    public enum ErrorCode {
        INVALID_LINK, USERID_PLUS_AS_SPACE, INVALID_USERID, WRONG_USER, KEY_NOT_FOUND, KEY_NOT_READY, KEY_ERROR,
        KEY_EXPIRED, KEY_REVOKED, UNLOCK_REFUSED
    }

    /** Schemes a link may never send the browser to: script, inline data, local files, and plain http. */
    private static final Set<String> FORBIDDEN = Set.of("javascript", "data", "vbscript", "file", "blob", "about",
            "filesystem", "http", "ftp", "ws", "wss", "view-source");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private AppSwitch() {
    }

    /**
     * {@code url} if the browser may be sent there: an absolute {@code https:} URL with a host, or an app's own scheme
     * ({@code myapp://done}, {@code googlechrome://navigate?url=...}); never {@code javascript:}, {@code data:}, plain
     * {@code http:} or a relative URL. Control characters and spaces are refused, so nothing can hide a scheme.
     */
    public static Optional<String> safeTarget(String url) {
        if (url == null || url.isEmpty() || url.length() > 2048 || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !SCHEME.matcher(scheme).matches() || FORBIDDEN.contains(scheme)) {
                return Optional.empty();
            }
            if (scheme.equals("https") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code target} with {@code error} and {@code message} added to its query (before any fragment). */
    public static String withError(String target, ErrorCode code, String message) {
        int hash = target.indexOf('#');
        String base = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + "error=" + code.name() + "&message=" + PercentEncoding.encode(message) + fragment;
    }

    /** The outcome of reading a link's {@code userid}: the E.164 number, or why not. */
    public record UserId(String appUserId, ErrorCode error, String message) {
    }

    /**
     * A {@code userid} as it arrived (decoded): a leading space is a {@code +} sent unencoded (a raw {@code +} in a query
     * means a space), which the link must send as {@code %2B}; anything else must be an E.164 number.
     */
    public static UserId userId(String raw) {
        if (raw == null || raw.isBlank()) {
            return new UserId(null, ErrorCode.INVALID_USERID, "userid is required: the app user's phone number in E.164, e.g. %2B4712345678");
        }
        if (raw.startsWith(" ") && raw.strip().chars().allMatch(Character::isDigit)) {
            return new UserId(null, ErrorCode.USERID_PLUS_AS_SPACE, "userid arrived as '" + raw + "': its + was sent unencoded and "
                    + "became a space. Encode + as %2B in the link (userid=%2B" + raw.strip() + ")");
        }
        Optional<String> number = PhoneNumbers.normalise(raw);
        if (number.isEmpty() || !raw.startsWith("+")) {
            return new UserId(null, ErrorCode.INVALID_USERID, "userid '" + raw + "' is not a phone number in E.164 (e.g. +4712345678, sent as %2B4712345678)");
        }
        return new UserId(number.get(), null, null);
    }
}
