package dev.odksim.tagwriter.write;

import java.util.Optional;

/**
 * What to put on one sticker. {@code password}/{@code pack}: protect writes with PWD_AUTH (and use
 * the password to get in if the tag is already protected). {@code permanentLock}: make it read-only
 * forever (the CLI only sets it behind a second, explicit flag).
 */
public record WriteRequest(StickerUrl url, boolean verify, Optional<byte[]> password, byte[] pack,
        boolean permanentLock) {
}
