package dev.odksim.tagwriter.transport.pcsc;

import dev.odksim.tagwriter.transport.NoReaderException;
import dev.odksim.tagwriter.transport.NoTagException;
import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.transport.TagReader;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * A PC/SC reader through {@code javax.smartcardio} and pcsc-lite: {@code pcsc} is the first reader,
 * {@code pcsc:NAME} the first whose name contains NAME (case-insensitive).
 */
public final class PcscReader implements TagReader {

    private final CardTerminal terminal;

    private PcscReader(CardTerminal terminal) {
        this.terminal = terminal;
    }

    public static PcscReader open(String nameFilter) {
        PcscLibrary.configure();
        List<CardTerminal> terminals;
        try {
            TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
            terminals = factory.terminals().list();
        } catch (NoSuchAlgorithmException | CardException | RuntimeException e) {
            throw new NoReaderException(PcscErrors.describeUnavailable(e), e);
        }
        if (terminals.isEmpty()) {
            throw new NoReaderException("no PC/SC reader connected: plug in a reader (and check that no kernel"
                    + " driver such as pn533_usb has claimed it)");
        }
        if (nameFilter == null || nameFilter.isEmpty()) {
            return new PcscReader(terminals.get(0));
        }
        String wanted = nameFilter.toLowerCase();
        return terminals.stream().filter(t -> t.getName().toLowerCase().contains(wanted)).findFirst()
                .map(PcscReader::new)
                .orElseThrow(() -> new NoReaderException("no PC/SC reader name contains '" + nameFilter
                        + "'; readers: " + terminals.stream().map(CardTerminal::getName)
                        .collect(Collectors.joining(", "))));
    }

    @Override
    public String name() {
        return terminal.getName();
    }

    @Override
    public TagConnection awaitTag(Duration timeout) {
        try {
            boolean present = timeout.isZero() ? terminal.isCardPresent()
                    : terminal.waitForCardPresent(Math.max(1, timeout.toMillis()));
            if (!present) {
                throw new NoTagException("no tag on reader '" + name() + "' (waited " + timeout.toSeconds()
                        + " s); hold a sticker on the reader");
            }
            Card card = terminal.connect("*");
            return new PcscConnection(card, name());
        } catch (CardException e) {
            if (PcscErrors.meansNoCard(e)) {
                throw new NoTagException("tag left reader '" + name() + "' before it could be read", e);
            }
            throw new NoReaderException("reader '" + name() + "' failed: " + PcscErrors.rootMessage(e), e);
        }
    }

    @Override
    public boolean awaitRemoval(Duration timeout) {
        try {
            return terminal.waitForCardAbsent(Math.max(1, timeout.toMillis()));
        } catch (CardException e) {
            throw new NoReaderException("reader '" + name() + "' failed: " + PcscErrors.rootMessage(e), e);
        }
    }

    @Override
    public void close() {
    }
}
