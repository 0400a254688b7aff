package dev.odksim.common;

import dev.odksim.decision.Outcome;
import dev.odksim.tag.ScanOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reason catalogue is the one list: docs/reasons.md, the decision and scan outcomes and every code in the sources agree with it. */
class ReasonCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d+) \\| (.*) \\|$");
    /** Upper-case string literals in the sources that are not reason codes. */
    private static final Set<String> NOT_REASONS = Set.of("POST", "GET", "HTTPS", "NO_COLOR", "TLS_VALID", "TLS_INVALID", "UNREACHABLE",
            // not reasons: a key algorithm and an environment variable name
            "ECDSA", "HOSTNAME",
            // not reasons: the load command's option labels (picocli paramLabel), its console verdict and budget words,
            // and the verdict of a load-test run (dev.odksim.load)
            "FILE", "LOCK_ID", "RATE", "SHARE", "TIME", "PASS", "FAIL", "EXCEEDED", "PASSED", "FAILED");

    @Test
    void docsListEveryReasonWithItsStatusAndText() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/reasons.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
            }
        }
        assertThat(documented).containsExactlyElementsOf(Arrays.stream(Reason.values())
                .map(r -> r.name() + " " + r.status() + " " + r.text()).toList());
    }

    @Test
    void everyFailedDecisionIsAReasonWithTheAppsStatus() {
        for (Outcome outcome : Outcome.values()) {
            if (outcome == Outcome.GRANTED) {
                continue;
            }
            assertThat(Reason.valueOf(outcome.name()).status()).as(outcome.name()).isEqualTo(outcome.appStatus());
        }
    }

    @Test
    void everyRefusedScanIsAReasonWithItsStatus() {
        for (ScanOutcome outcome : ScanOutcome.values()) {
            if (outcome.reason() != null) {
                assertThat(Reason.valueOf(outcome.reason()).status()).as(outcome.reason()).isEqualTo(outcome.status());
            }
        }
    }

    /** A new code written as a literal anywhere in the platform fails here until it is in the catalogue. */
    @Test
    void everyCodeInTheSourcesIsCatalogued() throws IOException {
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{4,})\"");
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    String code = m.group(1);
                    if (!NOT_REASONS.contains(code) && Arrays.stream(Reason.values()).noneMatch(r -> r.name().equals(code))) {
                        unknown.add(code + " in " + file.getFileName());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void phonePageHasNoCopyOfTheTexts() throws IOException {
        String phone = Files.readString(Path.of("src/main/resources/META-INF/resources/app/phone.js"));
        for (Reason reason : Reason.values()) {
            assertThat(phone).as(reason.name()).doesNotContain(reason.text());
        }
    }
}
