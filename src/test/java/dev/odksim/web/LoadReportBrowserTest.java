package dev.odksim.web;

import dev.odksim.load.LoadHtml;
import dev.odksim.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code load} command's report.html opened from disk in headless Chromium: no console error, no request for
 * any other resource (it is self-contained), both charts drawn.
 */
class LoadReportBrowserTest {

    @Test
    void theReportOpensWithoutErrorsAndDrawsBothCharts(@TempDir Path dir) throws Exception {
        List<LoadResult.Interval> intervals = List.of(new LoadResult.Interval(0, 50, 0, 61, 70, 75),
                new LoadResult.Interval(1000, 50, 1, 62, 90, 120), new LoadResult.Interval(2000, 50, 0, 60, 65, 66));
        List<LoadResult.Bucket> histogram = List.of(new LoadResult.Bucket(60, 20), new LoadResult.Bucket(75, 120), new LoadResult.Bucket(120, 10));
        LoadResult result = new LoadResult("http://127.0.0.1:9/check-access?<x>", "2026-01-01T00:00:00Z", 50, 3000, 150, 150, 150, 150,
                false, 3100, new LoadResult.Latency(61, 70, 90, 120, 120, 63), 49.8, true, "The endpoint kept up.",
                List.of(new LoadResult.OutcomeCount("GRANTED", 149, false, "ok"), new LoadResult.OutcomeCount("TIMEOUT", 1, true, "<b>slow</b>")),
                1, 1 / 150.0, 1, 3000, 1000, 9, 1000, intervals, histogram, new LoadResult.Budgets(0.01, 3000, true, true));
        Path file = dir.resolve("report.html");
        Files.writeString(file, LoadHtml.write(result));

        HeadlessChromium chromium = HeadlessChromium.start(1000, 900);
        try {
            chromium.driver().get(file.toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) chromium.driver();
            assertThat(((Number) js.executeScript("return document.querySelectorAll('svg').length")).intValue()).isEqualTo(2);
            assertThat(((Number) js.executeScript("return document.querySelectorAll('svg polyline').length")).intValue()).isEqualTo(3);
            assertThat(((Number) js.executeScript("return document.querySelectorAll('svg rect').length")).intValue()).isEqualTo(3);
            assertThat(((Number) js.executeScript("return performance.getEntriesByType('resource').length")).intValue())
                    .as("no external asset").isZero();
            assertThat((String) js.executeScript("return document.body.innerText")).contains("Budgets held").contains("<b>slow</b>");
            List<LogEntry> console = chromium.driver().manage().logs().get(LogType.BROWSER).getAll();
            assertThat(console).as("console messages").isEmpty();
        } finally {
            HeadlessChromium.quit(chromium);
        }
    }
}
