package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.report.TagReport;
import dev.odksim.tagwriter.transport.NoTagException;
import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.transport.TagReader;
import dev.odksim.tagwriter.write.StickerWriter;
import dev.odksim.tagwriter.write.WriteRequest;
import dev.odksim.tagwriter.write.WriteResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code batch URL --reader R [--count N] [--report FILE]}: a roll of stickers, one after another,
 * each verified. Stops when N are written or when no new tag arrives within --wait. A refused or
 * unverifiable sticker is reported and skipped; the exit code is that of the first failure.
 */
@Command(name = "batch", description = "Writes URL to one tag after another (each verified) until --count is reached "
        + "or no tag arrives within --wait; one CSV row per tag.")
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Parameters(paramLabel = "URL")
    String url;

    @Mixin
    ReaderOptions readerOptions;

    @Mixin
    WriteOptions writeOptions;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "stop after N tags (0 = until no tag comes)")
    int count;

    @Option(names = "--report", paramLabel = "FILE", description = "CSV report, one row per tag")
    Path reportFile;

    @Override
    public Integer call() {
        WriteRequest request = writeOptions.alwaysVerify().request(url);
        StickerWriter writer = new StickerWriter();
        int firstFailure = ExitCodes.OK;
        int written = 0;
        int n = 0;
        try (TagReader reader = app.openReader(readerOptions.reader); TagReport report = TagReport.open(reportFile)) {
            while (count == 0 || n < count) {
                TagConnection conn;
                try {
                    conn = reader.awaitTag(readerOptions.waitDuration());
                } catch (NoTagException e) {
                    if (count > 0 || n == 0) {
                        firstFailure = firstFailure == ExitCodes.OK ? ExitCodes.NO_TAG : firstFailure;
                        app.console().warn("error: " + e.getMessage());
                    }
                    break;
                }
                n++;
                try (conn) {
                    WriteResult result = writer.write(conn, request);
                    written++;
                    report.add(new TagReport.Row(n, "ok", result.type().name(), result.uid(), result.url(), "", "", "",
                            "", ""));
                    app.console().println(n + ": " + WriteOptions.describe(result));
                } catch (RuntimeException e) {
                    int code = ExitCodes.of(e);
                    if (code == ExitCodes.NO_READER || code == ExitCodes.UNEXPECTED) {
                        throw e;
                    }
                    firstFailure = firstFailure == ExitCodes.OK ? code : firstFailure;
                    report.add(new TagReport.Row(n, "failed", "", uidOrEmpty(conn), request.url().value(), "", "", "",
                            "", e.getMessage()));
                    app.console().warn(n + ": failed: " + e.getMessage());
                }
                if ((count == 0 || n < count) && !reader.awaitRemoval(readerOptions.waitDuration())) {
                    app.console().warn("tag still on the reader after " + readerOptions.waitSeconds + " s; stopping");
                    break;
                }
            }
        }
        app.console().println("batch done: " + written + " written, " + (n - written) + " failed");
        return firstFailure;
    }

    static String uidOrEmpty(TagConnection conn) {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(conn.uid());
        } catch (RuntimeException e) {
            return "";
        }
    }
}
