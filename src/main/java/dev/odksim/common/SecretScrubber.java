package dev.odksim.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that takes configured secrets out of text that may reach an app answer, a recorded decision, a
 * validation report or the log (docs/security.md, finding 1): a transport's error message, an integrator's or token
 * endpoint's answer that echoes a credential. Every secret is replaced by {@code ****}, as typed and in the encodings
 * the caller sends it in (percent-encoded, HTTP Basic).
 */
public final class SecretScrubber {

    public static final String REPLACEMENT = "****";
    private static final SecretScrubber NONE = new SecretScrubber(List.of());

    /** Longest first, so a secret that contains another is replaced whole. */
    private final List<String> secrets;

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretScrubber none() {
        return NONE;
    }

    /** Scrubs these secrets (nulls and empty strings are ignored) and their encoded forms. */
    public static SecretScrubber of(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            all.add(secret);
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            all.add(PercentEncoding.encode(secret));
        }
        return new SecretScrubber(all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** This scrubber and more secrets (e.g. a Bearer token fetched during the call). */
    public SecretScrubber and(Collection<String> more) {
        List<String> merged = new java.util.ArrayList<>(secrets);
        merged.addAll(more);
        return of(merged);
    }

    /** The text with every secret replaced; null stays null. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, REPLACEMENT);
            }
        }
        return out;
    }
}
