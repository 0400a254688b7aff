package dev.odksim.conformance;

import dev.odksim.decision.DecisionRequester;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The {@code validate} command run in-process with captured output, as a terminal would run it. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun validate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ValidateCommand.execute(args, DecisionRequester.withoutContainer(), new PrintWriter(out), new PrintWriter(err), false);
        return new CommandLineRun(code, out.toString(), err.toString());
    }

    /** junit.xml parsed by the JDK's DOM parser (a parse error fails the test); the root is {@code <testsuites>}. */
    static Element junit(Path dir) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        return doc.getDocumentElement();
    }

    static Element suite(Element root) {
        return (Element) root.getElementsByTagName("testsuite").item(0);
    }
}
