package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.labels.LabelPage;
import dev.odksim.tagwriter.report.TagReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code labels --from REPORT.csv [--out FILE]}: the printable QR-code labels of provisioned stickers. */
@Command(name = "labels", description = "Makes a printable HTML page with, per sticker in a provision/batch report, "
        + "a QR code of its URL and the lock's name.")
final class LabelsCommand implements Callable<Integer> {

    @ParentCommand
    TagWriterApp app;

    @Option(names = "--from", required = true, paramLabel = "REPORT.csv", description = "report of provision or batch")
    Path from;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML file to write (default: standard output)")
    Path out;

    @Option(names = "--title", defaultValue = "Door stickers", description = "page title (default: ${DEFAULT-VALUE})")
    String title;

    @Override
    public Integer call() {
        List<LabelPage.Label> labels = TagReport.read(from).stream()
                .filter(r -> r.status().equals("ok") && !r.url().isEmpty())
                .map(r -> new LabelPage.Label(!r.lockName().isEmpty() ? r.lockName()
                        : !r.lockId().isEmpty() ? r.lockId() : r.chipUid(), r.url()))
                .toList();
        if (labels.isEmpty()) {
            throw new UsageException("no written stickers in " + from);
        }
        String html = LabelPage.render(title, labels);
        if (out == null) {
            app.console().out().print(html);
            app.console().out().flush();
        } else {
            ProvisionCommand.write(out, html);
            app.console().println("wrote " + labels.size() + " labels to " + out);
        }
        return ExitCodes.OK;
    }
}
