package dev.odksim.common;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifiers: random URL-safe ids and the rule for caller-chosen ids. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    /** Caller-chosen ids: printable, URL-path-safe, e.g. {@code danalock-d4:b5:8f:59:47:79}. */
    private static final Pattern CHOSEN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");

    private Ids() {
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A short random id without look-alike characters, e.g. for tags. */
    public static String shortId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** A random secret of {@code bytes} bytes as URL-safe base64. */
    public static String secret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** {@code id} if given and well-formed, a fresh one if absent; a 400 naming {@code field} otherwise. */
    public static String chosenOr(String field, String id, java.util.function.Supplier<String> fresh) {
        if (id == null) {
            return fresh.get();
        }
        if (!CHOSEN_ID.matcher(id).matches()) {
            throw ProblemException.badRequest(field, "must be 1-128 characters of letters, digits and . _ : ~ - (starting with a letter or digit)");
        }
        return id;
    }
}
