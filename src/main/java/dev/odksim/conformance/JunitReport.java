package dev.odksim.conformance;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.util.Locale;

/**
 * junit.xml in the Ant/Surefire JUnit format CI servers read: one testsuite, one testcase per check named by its id.
 * A failed check is a {@code <failure>}; a check not applicable or not run is {@code <skipped>}; a warning is a
 * passing testcase whose {@code <system-out>} starts with {@code WARNING} (it must not break a build, and it ran).
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String write(Report report) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            doc.appendChild(suites);
            Element suite = doc.createElement("testsuite");
            suites.appendChild(suite);
            for (Element e : new Element[]{suites, suite}) {
                e.setAttribute("name", ConformanceSuite.TOOL + " " + report.url());
                e.setAttribute("tests", String.valueOf(report.counts().total()));
                e.setAttribute("failures", String.valueOf(report.counts().failed()));
                e.setAttribute("errors", "0");
                e.setAttribute("skipped", String.valueOf(report.counts().skipped()));
                e.setAttribute("time", seconds(report.durationMs()));
            }
            suite.setAttribute("timestamp", report.startedAt().toString());
            Element properties = child(suite, "properties");
            property(properties, "url", report.url());
            property(properties, "grant", report.grant());
            property(properties, "deny", report.deny());
            property(properties, "verdict", report.verdict().name());
            report.headers().forEach((name, value) -> property(properties, "header." + name, value));
            for (CheckResult check : report.checks()) {
                Element testcase = child(suite, "testcase");
                testcase.setAttribute("classname", "odk-sim.validate");
                testcase.setAttribute("name", check.id());
                testcase.setAttribute("time", seconds(check.durationMs()));
                String details = check.title() + "\n" + check.message() + (check.curl() != null ? "\nReproduce: " + check.curl() : "")
                        + evidence(check);
                switch (check.status()) {
                    case FAIL -> {
                        Element failure = child(testcase, "failure");
                        failure.setAttribute("message", clean(check.message()));
                        failure.setAttribute("type", check.id());
                        failure.setTextContent(clean(details));
                    }
                    case SKIP -> child(testcase, "skipped").setAttribute("message", clean(check.message()));
                    case WARN -> child(testcase, "system-out").setTextContent("WARNING (" + check.severity().name().toLowerCase(Locale.ROOT)
                            + "-level check, does not fail the build): " + clean(details));
                    case PASS -> child(testcase, "system-out").setTextContent(clean(details));
                }
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("The JUnit report could not be written", e);
        }
    }

    private static String evidence(CheckResult check) {
        StringBuilder text = new StringBuilder();
        for (Evidence e : check.evidence()) {
            text.append("\n- ").append(e.label()).append(": ").append(e.method()).append(' ').append(e.url()).append(" → ").append(e.summary());
        }
        return text.toString();
    }

    private static Element child(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    private static void property(Element properties, String name, String value) {
        Element property = child(properties, "property");
        property.setAttribute("name", name);
        property.setAttribute("value", clean(value));
    }

    /** Characters XML 1.0 cannot carry (an endpoint's body may hold any byte) become U+FFFD. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
