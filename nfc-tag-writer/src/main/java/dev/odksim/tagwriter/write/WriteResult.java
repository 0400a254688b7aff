package dev.odksim.tagwriter.write;

import dev.odksim.tagwriter.tag.NtagType;

/** The outcome of writing one sticker, for the console and the CSV reports. */
public record WriteResult(NtagType type, String uid, String url, int bytes, boolean verified,
        boolean passwordProtected, boolean permanentlyLocked) {
}
