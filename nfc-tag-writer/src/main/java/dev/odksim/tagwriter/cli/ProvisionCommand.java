package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.labels.LabelPage;
import dev.odksim.tagwriter.provision.AdminClient;
import dev.odksim.tagwriter.provision.ProvisionedTag;
import dev.odksim.tagwriter.report.TagReport;
import dev.odksim.tagwriter.tag.Ntag21x;
import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.transport.TagReader;
import dev.odksim.tagwriter.write.StickerWriter;
import dev.odksim.tagwriter.write.WriteRequest;
import dev.odksim.tagwriter.write.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision --server URL --token T --project P --lock L --reader R}: for each lock, the
 * sticker on the reader gets a tag on the server (with its chip UID), the tag's URL is written and
 * verified. {@code --locks FILE} does a batch (CSV: lockId[,lockName]).
 */
@Command(name = "provision", description = "Creates a tag for the lock on the simulator (admin API), writes its URL "
        + "to the sticker and verifies it; registers the chip UID. --locks FILE provisions one sticker per CSV line.")
final class ProvisionCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "simulator base URL, e.g. http://localhost:8080")
    String server;

    @Option(names = "--token", required = true, paramLabel = "T", description = "admin token (ODK_ADMIN_TOKEN)")
    String token;

    @Option(names = "--project", required = true, paramLabel = "P")
    String project;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Locks locks;

    static final class Locks {
        @Option(names = "--lock", paramLabel = "L", description = "the lock the sticker opens")
        String lock;

        @Option(names = "--locks", paramLabel = "FILE", description = "CSV of locks (lockId[,lockName]), one sticker each")
        Path file;
    }

    @Mixin
    ReaderOptions readerOptions;

    @Mixin
    WriteOptions writeOptions;

    @Option(names = "--report", paramLabel = "FILE", description = "CSV report of what was provisioned")
    Path reportFile;

    @Option(names = "--labels", paramLabel = "FILE", description = "also write a printable HTML label page")
    Path labelsFile;

    @Override
    public Integer call() {
        AdminClient client = new AdminClient(server, token);
        Map<String, String> wanted = locks.lock != null ? Map.of(locks.lock, "") : readLocks(locks.file);
        Map<String, String> serverNames = client.lockNames(project);
        String mode = writeOptions.mirror != null ? "ntag-mirror" : "none";
        writeOptions.alwaysVerify();
        writeOptions.request("https://example.invalid/"); // option checks before any tag or server change
        List<LabelPage.Label> labels = new ArrayList<>();
        int n = 0;
        try (TagReader reader = app.openReader(readerOptions.reader); TagReport report = TagReport.open(reportFile)) {
            for (Map.Entry<String, String> lock : wanted.entrySet()) {
                String lockId = lock.getKey();
                String lockName = !lock.getValue().isEmpty() ? lock.getValue() : serverNames.getOrDefault(lockId, lockId);
                if (n > 0) {
                    app.console().println("present the next sticker, for " + lockName);
                }
                n++;
                try (TagConnection conn = reader.awaitTag(readerOptions.waitDuration())) {
                    Ntag21x tag = Ntag21x.detect(conn);
                    ProvisionedTag created = client.createTag(project, lockId, tag.uidHex(), mode);
                    WriteRequest request = writeOptions.request(created.url());
                    WriteResult result;
                    try {
                        result = new StickerWriter().write(conn, request);
                    } catch (RuntimeException e) {
                        report.add(new TagReport.Row(n, "failed", tag.type().name(), tag.uidHex(), created.url(), lockId,
                                lockName, created.tagId(), created.mode(), e.getMessage()));
                        app.console().warn("tag " + created.tagId() + " was created on the server but its sticker was"
                                + " not written; retry with a new sticker");
                        throw e;
                    }
                    report.add(new TagReport.Row(n, "ok", result.type().name(), result.uid(), result.url(), lockId,
                            lockName, created.tagId(), created.mode(), ""));
                    labels.add(new LabelPage.Label(lockName, result.url()));
                    app.console().println("provisioned " + lockName + ": tag " + created.tagId() + " on " + result.type()
                            + " UID " + result.uid() + " -> " + result.url() + " (verified)");
                }
                if (n < wanted.size()) {
                    reader.awaitRemoval(readerOptions.waitDuration());
                }
            }
        } finally {
            if (labelsFile != null && !labels.isEmpty()) {
                write(labelsFile, LabelPage.render("Stickers of project " + project, labels));
            }
        }
        return ExitCodes.OK;
    }

    /** CSV lines {@code lockId[,lockName]}; a header line starting with "lockId" is skipped. */
    static Map<String, String> readLocks(Path file) {
        Map<String, String> locks = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("cannot read --locks " + file + ": " + e.getMessage());
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.toLowerCase().startsWith("lockid")) {
                continue;
            }
            String[] parts = trimmed.split(",", 2);
            locks.put(parts[0].strip(), parts.length > 1 ? parts[1].strip().replaceAll("^\"|\"$", "") : "");
        }
        if (locks.isEmpty()) {
            throw new UsageException("--locks " + file + " lists no locks");
        }
        return locks;
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
