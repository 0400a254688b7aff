package dev.odksim.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Secret handling: constant-time comparison, hashing for storage, masking for display. */
public final class Secrets {

    private Secrets() {
    }

    /** Constant-time equality of two strings (length differences leak only the length). */
    public static boolean equal(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ****cdef}: the last four characters of secrets long enough to keep them secret, else only stars. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return secret;
        }
        return secret.length() >= 12 ? "****" + secret.substring(secret.length() - 4) : "****";
    }
}
