package dev.odksim.tagwriter.emulator;

import dev.odksim.tagwriter.tag.NtagType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's memory file of docs/api.md: one line per page, 8 hex digits, page 0 first, so the tag's
 * state can be inspected (and prepared) between commands. Lines starting with '#' are comments; the
 * NFC counter, which lives outside the page memory, is kept in a {@code # nfc-counter: N} line.
 */
public final class EmulatorFile {

    private static final Pattern PAGE = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern COUNTER = Pattern.compile("#\\s*nfc-counter:\\s*(\\d+)\\s*");

    private EmulatorFile() {
    }

    public static EmulatedNtag load(NtagType type, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator file " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> pages = new ArrayList<>();
        int counter = 0;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            Matcher m = COUNTER.matcher(line);
            if (m.matches()) {
                counter = Integer.parseInt(m.group(1));
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (PAGE.matcher(line).matches()) {
                pages.add(HexFormat.of().parseHex(line));
            } else {
                throw new IllegalArgumentException(file + " line " + lineNo + ": expected 8 hex digits, got '"
                        + line + "'");
            }
        }
        if (pages.size() != type.totalPages()) {
            throw new IllegalArgumentException(file + " has " + pages.size() + " pages but " + type + " has "
                    + type.totalPages());
        }
        return new EmulatedNtag(type, pages.toArray(new byte[0][]), counter);
    }

    public static void save(EmulatedNtag tag, Path file) {
        StringBuilder sb = new StringBuilder();
        for (byte[] page : tag.memory()) {
            sb.append(HexFormat.of().withUpperCase().formatHex(page)).append('\n');
        }
        sb.append("# nfc-counter: ").append(tag.counter()).append('\n');
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save emulator file " + file + ": " + e.getMessage(), e);
        }
    }
}
