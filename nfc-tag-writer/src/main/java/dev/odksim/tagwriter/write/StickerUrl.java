package dev.odksim.tagwriter.write;

import dev.odksim.tagwriter.tag.MirrorMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The URL that goes on a sticker, checked, and, for the ASCII mirror, with the {@code m=}
 * placeholder the tag overwrites with its UID/counter on every read.
 */
public record StickerUrl(String value, Optional<MirrorMode> mirror) {

    public static final String MIRROR_PARAMETER = "m=";

    /** Validates an absolute URI (http and https need a host); anything else is {@link BadUrlException}. */
    public static StickerUrl parse(String url) {
        if (url == null || url.isBlank() || !url.strip().equals(url) || url.chars().anyMatch(c -> c <= ' ')) {
            throw new BadUrlException("bad URL '" + url + "': empty or contains spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadUrlException("bad URL '" + url + "': " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getScheme() == null) {
            throw new BadUrlException("bad URL '" + url + "': no scheme (e.g. https://)");
        }
        String scheme = uri.getScheme().toLowerCase();
        if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw new BadUrlException("bad URL '" + url + "': no host");
        }
        return new StickerUrl(url, Optional.empty());
    }

    /**
     * Adds {@code m=<placeholder>} as a query parameter (before any fragment), unless the URL already
     * carries exactly that placeholder.
     */
    public StickerUrl withMirror(MirrorMode mode) {
        String param = MIRROR_PARAMETER + mode.placeholder();
        if (value.contains(param)) {
            return new StickerUrl(value, Optional.of(mode));
        }
        int hash = value.indexOf('#');
        String base = hash < 0 ? value : value.substring(0, hash);
        String fragment = hash < 0 ? "" : value.substring(hash);
        String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return new StickerUrl(base + sep + param + fragment, Optional.of(mode));
    }

    /** Byte offset of the mirror placeholder inside an encoded block, or -1. */
    public int mirrorOffsetIn(byte[] encoded) {
        if (mirror.isEmpty()) {
            return -1;
        }
        byte[] needle = (MIRROR_PARAMETER + mirror.get().placeholder()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = encoded.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (encoded[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + MIRROR_PARAMETER.length();
        }
        throw new IllegalStateException("mirror placeholder not found in the encoded message");
    }
}
