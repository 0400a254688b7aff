package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.ndef.Type2Tlv;
import dev.odksim.tagwriter.tag.Ntag21x;
import dev.odksim.tagwriter.tag.NtagType;
import dev.odksim.tagwriter.tag.TagConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code erase --reader R [--password HEX]}: back to an empty NDEF tag, mirror off, protection removed. */
@Command(name = "erase", description = "Writes an empty NDEF message, clears user memory, switches the mirror off "
        + "and (with --password) removes password protection.")
final class EraseCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Mixin
    ReaderOptions readerOptions;

    @Mixin
    PasswordOptions password;

    @Override
    public Integer call() {
        Optional<byte[]> pwd = password.passwordBytes();
        return TagSession.withTag(app, readerOptions, (conn, reader) -> {
            Ntag21x tag = Ntag21x.detect(conn);
            if (pwd.isPresent() && tag.needsPassword()) {
                tag.authenticate(pwd.get(), Optional.of(password.packBytes()));
            }
            Optional<TagConfig> config = tag.readConfig();
            if (config.isPresent() && config.get().mirror().isPresent()) {
                tag.configureMirror(Optional.empty(), 0);
            }
            // An empty message first (so the tag is consistent from the first write on), then the rest zeroed.
            byte[] empty = Type2Tlv.wrap(new byte[0]);
            tag.writeNdefTlv(empty);
            for (int page = NtagType.FIRST_USER_PAGE + 1; page <= tag.type().lastUserPage(); page++) {
                tag.writeUserPage(page, new byte[4]);
            }
            if (pwd.isPresent()) {
                tag.unprotect();
            }
            app.console().println("erased " + tag.type() + " UID " + tag.uidHex()
                    + (pwd.isPresent() ? ", password protection removed" : ""));
            return ExitCodes.OK;
        });
    }
}
