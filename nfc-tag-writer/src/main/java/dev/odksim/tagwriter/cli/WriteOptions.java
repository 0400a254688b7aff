package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.tag.MirrorMode;
import dev.odksim.tagwriter.write.StickerWriter;
import dev.odksim.tagwriter.write.WriteRequest;
import dev.odksim.tagwriter.write.WriteResult;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code write}, shared with {@code batch} and {@code provision}. */
final class WriteOptions {

    static final String DANGER_FLAG = "--i-understand-this-is-irreversible";

    @Option(names = "--verify", description = "read back and compare after writing")
    boolean verify;

    @Option(names = "--mirror", paramLabel = "uid|counter|both",
            description = "let the tag put its UID and/or tap counter into the URL's m= parameter on every read")
    MirrorMode mirror;

    @Mixin
    PasswordOptions password;

    @Option(names = "--permanent-lock", description = "make the tag read-only FOREVER after writing and verifying "
            + "(needs " + DANGER_FLAG + " as well)")
    boolean permanentLock;

    @Option(names = DANGER_FLAG, description = "confirms --permanent-lock: the sticker can never be rewritten")
    boolean understood;

    WriteRequest request(String url) {
        if (permanentLock && !understood) {
            throw new UsageException("--permanent-lock makes the tag read-only forever; add " + DANGER_FLAG
                    + " if that is really what you want");
        }
        return new WriteRequest(StickerWriter.url(url, Optional.ofNullable(mirror)), verify,
                password.passwordBytes(), password.packBytes(), permanentLock && understood);
    }

    /** True when the write should be verified (always for batch and provision). */
    WriteOptions alwaysVerify() {
        verify = true;
        return this;
    }

    static String describe(WriteResult r) {
        StringBuilder sb = new StringBuilder("wrote ").append(r.url()).append(" to ").append(r.type())
                .append(" UID ").append(r.uid()).append(" (").append(r.bytes()).append(" of ")
                .append(r.type().userBytes()).append(" bytes)");
        if (r.verified()) {
            sb.append(", verified");
        }
        if (r.passwordProtected()) {
            sb.append(", password-protected");
        }
        if (r.permanentlyLocked()) {
            sb.append(", PERMANENTLY LOCKED");
        }
        return sb.toString();
    }
}
