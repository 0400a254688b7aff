package dev.odksim.tagwriter.write;

import dev.odksim.tagwriter.ndef.NdefMessage;
import dev.odksim.tagwriter.ndef.Type2Tlv;
import dev.odksim.tagwriter.tag.MirrorMode;
import dev.odksim.tagwriter.tag.Ntag21x;
import dev.odksim.tagwriter.tag.TagConfig;
import dev.odksim.tagwriter.transport.TagConnection;
import java.util.Optional;

/**
 * Writes one sticker: detect, refuse early what cannot work (too small, locked, protected without
 * password), get in with the password, write the URL crash-tolerantly, set the mirror, protect,
 * verify by reading back, and only then, if asked, lock for good.
 */
public final class StickerWriter {

    public WriteResult write(TagConnection conn, WriteRequest request) {
        Ntag21x tag = Ntag21x.detect(conn);
        StickerUrl url = request.url();
        byte[] tlv = Type2Tlv.wrap(NdefMessage.uri(url.value()).encode());
        tag.checkFits(tlv);

        if (request.password().isPresent()) {
            tag.requireRawCommands("PWD_AUTH");
            if (tag.needsPassword()) {
                tag.authenticate(request.password().get(), Optional.of(request.pack()));
            }
        }
        // An old mirror pointing into the area would overlay the new URL: switch it off first.
        Optional<TagConfig> before = tag.readConfig();
        if (before.isPresent() && before.get().mirror().isPresent() && !tag.needsPassword()) {
            tag.configureMirror(Optional.empty(), 0);
        }
        tag.writeNdefTlv(tlv);
        int mirrorAt = url.mirrorOffsetIn(tlv);
        if (url.mirror().isPresent()) {
            tag.configureMirror(url.mirror(), mirrorAt);
        }
        if (request.password().isPresent()) {
            tag.protect(request.password().get(), request.pack());
        }
        boolean verify = request.verify() || request.permanentLock();
        if (verify) {
            tag.verifyNdefTlv(tlv, url.mirror(), mirrorAt);
            if (request.password().isPresent()) {
                // Proves the new password and PACK work before the sticker leaves the reader.
                tag.authenticate(request.password().get(), Optional.of(request.pack()));
            }
        }
        if (request.permanentLock()) {
            tag.lockPermanently();
        }
        return new WriteResult(tag.type(), tag.uidHex(), url.value(), tlv.length, verify,
                request.password().isPresent(), request.permanentLock());
    }

    /** Mirror-free helper for callers that only know a URL string. */
    public static StickerUrl url(String url, Optional<MirrorMode> mirror) {
        StickerUrl parsed = StickerUrl.parse(url);
        return mirror.map(parsed::withMirror).orElse(parsed);
    }
}
