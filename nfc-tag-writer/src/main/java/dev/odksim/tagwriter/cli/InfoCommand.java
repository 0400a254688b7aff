package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.tag.LockBits;
import dev.odksim.tagwriter.tag.Ntag21x;
import dev.odksim.tagwriter.tag.NtagType;
import dev.odksim.tagwriter.tag.TagConfig;
import dev.odksim.tagwriter.transport.TagCommandException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code info --reader R}: everything about the chip a QA person may ask about. */
@Command(name = "info", description = "Prints type, UID, memory, capability container, locks, protection, mirror and counter.")
final class InfoCommand implements Callable<Integer> {

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
            Console out = app.console();
            Ntag21x tag = Ntag21x.detect(conn);
            if (pwd.isPresent()) {
                tag.authenticate(pwd.get(), Optional.of(password.packBytes()));
            }
            NtagType type = tag.type();
            out.println("reader:       " + reader.name());
            out.println("type:         " + type + " (" + type.totalPages() + " pages)");
            out.println("UID:          " + tag.uidHex());
            out.println("user memory:  " + type.userBytes() + " bytes (pages " + NtagType.FIRST_USER_PAGE + "-"
                    + type.lastUserPage() + ")");
            out.println("CC:           " + Hex.spaced(tag.capabilityContainer()));
            LockBits locks = tag.lockBits();
            out.println("lock bytes:   static " + Hex.spaced(java.util.Arrays.copyOfRange(locks.staticPage(), 2, 4))
                    + ", dynamic " + Hex.spaced(java.util.Arrays.copyOf(locks.dynamicPage(), 3))
                    + (locks.anyLocked() ? " (LOCKED pages present)" : " (nothing locked)"));
            Optional<TagConfig> config = tag.readConfig();
            if (config.isEmpty()) {
                out.println("protection:   configuration read-protected (give --password)");
            } else {
                TagConfig c = config.get();
                out.println("protection:   " + (c.isProtected(type) ? "password from page " + c.auth0()
                        + (c.readProtected() ? " (read and write)" : " (write)") : "none")
                        + (c.configLocked() ? ", configuration locked (CFGLCK)" : ""));
                out.println("mirror:       " + c.mirror().map(m -> m.name().toLowerCase() + " at page " + c.mirrorPage()
                        + " byte " + c.mirrorByte()).orElse("off"));
                out.println("NFC counter:  " + (c.counterEnabled() ? counter(tag) : "disabled"));
            }
            return ExitCodes.OK;
        });
    }

    private static String counter(Ntag21x tag) {
        try {
            return Integer.toString(tag.readCounter());
        } catch (TagCommandException e) {
            return "enabled (not readable: " + e.getMessage() + ")";
        }
    }
}
