package dev.odksim.tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw query string of a sticker URL, split without percent-decoding: the trust parameters are plain hex, so an
 * encoded value is simply not in the format (and a broken escape cannot throw). Any string parses.
 */
public final class StickerQuery {

    /** Longer queries are not read at all; a sticker's own never comes close (NTAG216 holds 868 bytes). */
    static final int MAX_LENGTH = 2048;

    private final Map<String, List<String>> params;
    private final boolean tooLong;

    private StickerQuery(Map<String, List<String>> params, boolean tooLong) {
        this.params = params;
        this.tooLong = tooLong;
    }

    public static StickerQuery parse(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new StickerQuery(params, false);
        }
        if (rawQuery.length() > MAX_LENGTH) {
            return new StickerQuery(params, true);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new StickerQuery(params, false);
    }

    public boolean tooLong() {
        return tooLong;
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** The values of {@code name} as they came (empty when absent). */
    public List<String> all(String name) {
        return params.getOrDefault(name, List.of());
    }
}
