package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.ndef.NdefMessage;
import dev.odksim.tagwriter.ndef.Type2Tlv;
import dev.odksim.tagwriter.tag.MirrorMode;
import dev.odksim.tagwriter.write.StickerWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code encode URL [--tlv]}: the NDEF bytes of a URL, without a tag. */
@Command(name = "encode", description = "Prints the NDEF message of URL as hex (with --tlv: the Type 2 TLV block from page 4, ending in FE).")
final class EncodeCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Parameters(paramLabel = "URL")
    String url;

    @Option(names = "--tlv", description = "print the Type 2 TLV block (03 length message FE) instead of the bare message")
    boolean tlv;

    @Option(names = "--mirror", paramLabel = "uid|counter|both", description = "add the m= mirror placeholder as write would")
    MirrorMode mirror;

    @Override
    public Integer call() {
        byte[] message = NdefMessage.uri(StickerWriter.url(url, Optional.ofNullable(mirror)).value()).encode();
        app.console().println(Hex.spaced(tlv ? Type2Tlv.wrap(message) : message));
        return ExitCodes.OK;
    }
}
