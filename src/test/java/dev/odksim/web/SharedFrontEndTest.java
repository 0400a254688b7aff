package dev.odksim.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone page and the dashboard share one helper script ({@code common/odk.js}) and one style sheet
 * ({@code common/odk.css}) instead of copies (issue 15, item 7): no function is written twice across the pages'
 * scripts, no page script re-declares a shared helper or calls {@code fetch} itself, and no CSS declaration is
 * repeated between the shared sheet and a page's sheet. A plain file test: no Quarkus, no browser.
 */
class SharedFrontEndTest {

    private static final Path STATIC = Path.of("src/main/resources/META-INF/resources");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SHARED_JS = STATIC.resolve("common/odk.js");
    private static final Path SHARED_CSS = STATIC.resolve("common/odk.css");
    private static final Pattern FUNCTION = Pattern.compile("function\\s+([A-Za-z_$][\\w$]*)\\s*\\(");

    @Test
    void bothPagesLoadTheSharedScriptAndStyleSheet() {
        for (Path page : List.of(TEMPLATES.resolve("phone.html"), STATIC.resolve("dashboard/index.html"))) {
            String html = read(page);
            assertThat(html).as(page.toString())
                    .contains("<link rel=\"stylesheet\" href=\"/common/odk.css\">")
                    .contains("<script src=\"/common/odk.js\"></script>")
                    .contains("<script src=\"/app/reasons.js\"></script>");
            // The shared script comes before every page script that uses it.
            int shared = html.indexOf("/common/odk.js");
            Matcher pageScript = Pattern.compile("<script src=\"/(app|dashboard)/[\\w-]+\\.js\"").matcher(html);
            while (pageScript.find()) {
                if (!pageScript.group().contains("reasons.js")) {
                    assertThat(pageScript.start()).as(page + ": " + pageScript.group()).isGreaterThan(shared);
                }
            }
        }
    }

    @Test
    void noFunctionIsWrittenTwiceAcrossThePages() {
        Map<String, Set<String>> where = new TreeMap<>();
        for (Path script : scripts()) {
            for (String body : functions(read(script)).values()) {
                where.computeIfAbsent(body, b -> new LinkedHashSet<>()).add(STATIC.relativize(script).toString());
            }
        }
        List<String> copies = new ArrayList<>();
        where.forEach((body, files) -> {
            if (files.size() > 1) {
                copies.add(files + ": " + body.substring(0, Math.min(120, body.length())));
            }
        });
        assertThat(copies).as("functions copied between page scripts").isEmpty();
    }

    @Test
    void pageScriptsUseTheSharedHelpersInsteadOfTheirOwn() {
        Set<String> shared = functions(read(SHARED_JS)).keySet();
        assertThat(shared).contains("request", "el", "time", "countdown", "describe", "reasonText");
        for (Path script : scripts()) {
            if (script.equals(SHARED_JS)) {
                continue;
            }
            String js = read(script);
            assertThat(functions(js).keySet()).as(script + " re-declares a shared helper")
                    .doesNotContainAnyElementsOf(shared);
            assertThat(js).as(script + " calls the API itself").doesNotContainPattern("(?<![\\w.])fetch\\(");
            assertThat(js).as(script + " keeps its own copy of the reason texts").doesNotContain("ODK_REASONS");
        }
    }

    @Test
    void noStyleDeclarationIsRepeatedBetweenTheSheets() {
        Map<String, String> owner = new TreeMap<>();
        List<String> repeated = new ArrayList<>();
        List<Path> sheets = List.of(SHARED_CSS, STATIC.resolve("app/phone.css"), STATIC.resolve("dashboard/dashboard.css"));
        for (Path sheet : sheets) {
            String name = STATIC.relativize(sheet).toString();
            for (String declaration : declarations(read(sheet))) {
                if (declaration.contains("--") && declaration.startsWith(":root") && sheet != SHARED_CSS) {
                    repeated.add(name + " defines a colour variable: " + declaration);
                }
                String first = owner.putIfAbsent(declaration, name);
                if (first != null && !first.equals(name)) {
                    repeated.add(first + " and " + name + ": " + declaration);
                }
            }
        }
        assertThat(repeated).isEmpty();
    }

    /** The scripts of the phone page and the dashboard, and the shared one. */
    private static List<Path> scripts() {
        List<Path> all = new ArrayList<>(List.of(SHARED_JS));
        for (String dir : List.of("app", "dashboard")) {
            try (Stream<Path> files = Files.list(STATIC.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".js")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(all).hasSizeGreaterThan(4);
        return all;
    }

    /** Each named function declaration's text (name replaced, whitespace collapsed), by name. */
    static Map<String, String> functions(String js) {
        Map<String, String> found = new TreeMap<>();
        Matcher m = FUNCTION.matcher(js);
        while (m.find()) {
            int open = js.indexOf('{', m.end());
            int depth = 0;
            int end = open;
            for (; end < js.length(); end++) {
                char c = js.charAt(end);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            String text = js.substring(m.end(), Math.min(end + 1, js.length())).replaceAll("\\s+", " ").trim();
            found.put(m.group(1), text);
        }
        return found;
    }

    /** "selector { property: value }" for every declaration of a sheet, comments left out. */
    static List<String> declarations(String css) {
        String plain = css.replaceAll("(?s)/\\*.*?\\*/", "");
        List<String> out = new ArrayList<>();
        Matcher rule = Pattern.compile("([^{}]+)\\{([^}]*)}").matcher(plain);
        while (rule.find()) {
            for (String selector : rule.group(1).split(",")) {
                String sel = selector.replaceAll("\\s+", " ").trim();
                for (String declaration : rule.group(2).split(";")) {
                    String d = declaration.replaceAll("\\s+", " ").trim();
                    if (!d.isEmpty()) {
                        out.add(sel + " { " + d + " }");
                    }
                }
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
