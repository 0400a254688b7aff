package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.ndef.NdefMessage;
import dev.odksim.tagwriter.ndef.NdefRecord;
import dev.odksim.tagwriter.tag.Ntag21x;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code read --reader R}: the tag type and what a phone would see, one record per line. */
@Command(name = "read", description = "Prints the tag's type and UID and the NDEF records on it (URIs as a phone sees them).")
final class ReadCommand implements Callable<Integer> {

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
            if (pwd.isPresent()) {
                tag.authenticate(pwd.get(), Optional.of(password.packBytes()));
            }
            app.console().println(tag.type() + " UID " + tag.uidHex());
            Optional<NdefMessage> message = tag.readNdef();
            if (message.isEmpty() || message.get().records().isEmpty()) {
                app.console().println("no NDEF message");
            } else {
                for (NdefRecord record : message.get().records()) {
                    app.console().println(record.toString());
                }
            }
            return ExitCodes.OK;
        });
    }
}
