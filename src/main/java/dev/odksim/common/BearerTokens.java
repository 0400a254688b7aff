package dev.odksim.common;

/** Reads the token of an {@code Authorization: Bearer} header. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /** The token, or null when the header is absent or not a Bearer header. */
    public static String from(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
