package dev.odksim.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The iOS profile is a well-formed property list whose one payload is the CA as a {@code com.apple.security.root}. */
class MobileConfigTest {

    @TempDir
    Path dir;

    @Test
    void theProfileIsAPlistCarryingTheCaAsARootPayload() throws Exception {
        X509Certificate ca = LocalCa.loadOrCreate(dir, "qa-laptop", LocalCaTest.NOW).certificate();
        String fingerprint = HttpsCertificates.fingerprint(ca);
        String profile = MobileConfig.of(ca, fingerprint);

        Map<String, Object> plist = parsePlist(profile);
        assertThat(plist).containsEntry("PayloadType", "Configuration").containsEntry("PayloadVersion", 1L)
                .containsKeys("PayloadUUID", "PayloadIdentifier", "PayloadDisplayName");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> payloads = (List<Map<String, Object>>) plist.get("PayloadContent");
        assertThat(payloads).singleElement().satisfies(root -> {
            assertThat(root).containsEntry("PayloadType", "com.apple.security.root");
            X509Certificate carried = certificate((byte[]) root.get("PayloadContent"));
            assertThat(carried).isEqualTo(ca);
            assertThat((String) root.get("PayloadUUID")).matches("[0-9A-F-]{36}").isNotEqualTo(plist.get("PayloadUUID"));
        });
        assertThat(MobileConfig.of(ca, fingerprint)).as("the same CA, the same identifiers: a re-download replaces").isEqualTo(profile);
    }

    /** A small reader of Apple's plist XML (dict, array, string, integer, data, true/false) on the JDK's parser. */
    static Map<String, Object> parsePlist(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element plist = document.getDocumentElement();
        assertThat(plist.getTagName()).isEqualTo("plist");
        assertThat(plist.getAttribute("version")).isEqualTo("1.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value(elements(plist).get(0));
        return root;
    }

    private static Object value(Element element) {
        switch (element.getTagName()) {
            case "dict": {
                Map<String, Object> map = new LinkedHashMap<>();
                List<Element> children = elements(element);
                assertThat(children.size() % 2).as("key/value pairs").isZero();
                for (int i = 0; i < children.size(); i += 2) {
                    assertThat(children.get(i).getTagName()).isEqualTo("key");
                    map.put(children.get(i).getTextContent(), value(children.get(i + 1)));
                }
                return map;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                elements(element).forEach(e -> list.add(value(e)));
                return list;
            }
            case "string":
                return element.getTextContent();
            case "integer":
                return Long.parseLong(element.getTextContent().strip());
            case "data":
                return Base64.getMimeDecoder().decode(element.getTextContent().strip());
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new AssertionError("not a plist element: " + element.getTagName());
        }
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
