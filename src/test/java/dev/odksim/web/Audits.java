package dev.odksim.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests check on every page they show: axe-core (Deque's axe.min.js, injected into the page) finds no
 * serious or critical WCAG 2.1 A/AA violation; and, when {@code -Dscreenshots=DIR} is set, a screenshot of the
 * screen at the browser's size is written there (docs/phones.md and the README use them, so they stay true).
 */
final class Audits {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Audits() {
    }

    /** Fails with every serious/critical violation (rule, impact, help, the offending elements) of the current page. */
    static void assertAccessible(WebDriver driver, String what) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.isErrored()).as("axe-core ran on " + what).isFalse();
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .collect(Collectors.toList());
        assertThat(serious).as(what + ": axe-core violations\n" + serious.stream().map(Audits::describe)
                .collect(Collectors.joining("\n"))).isEmpty();
        assertThat(results.getPasses()).as("axe-core checked something on " + what).isNotEmpty();
    }

    private static String describe(Rule rule) {
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "));
    }

    /** Writes {@code name}.png into the screenshot directory when one is asked for; otherwise nothing. */
    static void screenshot(WebDriver driver, String name) {
        String dir = System.getProperty("screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the screenshot " + name, e);
        }
    }
}
