package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.write.StickerWriter;
import dev.odksim.tagwriter.write.WriteRequest;
import dev.odksim.tagwriter.write.WriteResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code write URL --reader R [--verify] [--mirror …] [--password HEX]}: one sticker. */
@Command(name = "write", description = "Writes URL to the tag on the reader (crash-tolerant order), optionally verifies, mirrors, protects.")
final class WriteCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Parameters(paramLabel = "URL")
    String url;

    @Mixin
    ReaderOptions readerOptions;

    @Mixin
    WriteOptions writeOptions;

    @Override
    public Integer call() {
        WriteRequest request = writeOptions.request(url);
        return TagSession.withTag(app, readerOptions, (tag, reader) -> {
            WriteResult result = new StickerWriter().write(tag, request);
            app.console().println(WriteOptions.describe(result));
            return ExitCodes.OK;
        });
    }
}
