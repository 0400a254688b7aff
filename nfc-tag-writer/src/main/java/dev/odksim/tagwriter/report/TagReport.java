package dev.odksim.tagwriter.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV that batch and provision leave behind, one row per sticker, flushed after each row so a
 * stopped run keeps what it did. {@code labels} reads it back.
 */
public final class TagReport implements AutoCloseable {

    public static final String[] HEADER = {"n", "status", "type", "chipUid", "url", "lockId", "lockName", "tagId",
        "mode", "message"};

    /** One sticker's line. */
    public record Row(int n, String status, String type, String chipUid, String url, String lockId, String lockName,
            String tagId, String mode, String message) {
    }

    private final CSVPrinter printer;

    private TagReport(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Opens FILE for writing, or a report that goes nowhere when {@code file} is null. */
    public static TagReport open(Path file) {
        try {
            Writer writer = file == null ? Writer.nullWriter() : Files.newBufferedWriter(file);
            return new TagReport(new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    public void add(Row row) {
        try {
            printer.printRecord(row.n(), row.status(), row.type(), row.chipUid(), row.url(), row.lockId(),
                    row.lockName(), row.tagId(), row.mode(), row.message());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report: " + e.getMessage(), e);
        }
    }

    public static List<Row> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).build().parse(reader)) {
                rows.add(new Row(parseInt(get(r, "n")), get(r, "status"), get(r, "type"), get(r, "chipUid"),
                        get(r, "url"), get(r, "lockId"), get(r, "lockName"), get(r, "tagId"), get(r, "mode"),
                        get(r, "message")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + file + ": " + e.getMessage(), e);
        }
    }

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
