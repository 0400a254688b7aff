package dev.odksim.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

/**
 * An iOS configuration profile (a property list) carrying the local CA as a {@code com.apple.security.root}
 * payload: iOS installs it under Settings → General → VPN &amp; Device Management. Its identifiers follow from the CA,
 * so downloading it again replaces the installed profile instead of adding a second one.
 */
final class MobileConfig {

    static final String MEDIA_TYPE = "application/x-apple-aspen-config";

    private MobileConfig() {
    }

    static String of(X509Certificate ca, String fingerprint) {
        String der;
        try {
            der = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the CA", e);
        }
        String id = fingerprint.replace(":", "").substring(0, 16).toLowerCase(java.util.Locale.ROOT);
        String profileUuid = UUID.nameUUIDFromBytes(("odk-sim profile " + fingerprint).getBytes(StandardCharsets.UTF_8)).toString().toUpperCase();
        String payloadUuid = UUID.nameUUIDFromBytes(("odk-sim root " + fingerprint).getBytes(StandardCharsets.UTF_8)).toString().toUpperCase();
        String name = xml(ca.getSubjectX500Principal().getName());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>PayloadContent</key>
                  <array>
                    <dict>
                      <key>PayloadCertificateFileName</key>
                      <string>odk-sim-ca.crt</string>
                      <key>PayloadContent</key>
                      <data>
                %s
                      </data>
                      <key>PayloadDescription</key>
                      <string>Adds the odk-sim local CA, so this device trusts the simulator's HTTPS certificate.</string>
                      <key>PayloadDisplayName</key>
                      <string>%s</string>
                      <key>PayloadIdentifier</key>
                      <string>dev.odksim.ca.%s.root</string>
                      <key>PayloadType</key>
                      <string>com.apple.security.root</string>
                      <key>PayloadUUID</key>
                      <string>%s</string>
                      <key>PayloadVersion</key>
                      <integer>1</integer>
                    </dict>
                  </array>
                  <key>PayloadDescription</key>
                  <string>Trust for the odk-sim simulator on your test network (SHA-256 %s). Remove it when testing is over.</string>
                  <key>PayloadDisplayName</key>
                  <string>odk-sim local CA</string>
                  <key>PayloadIdentifier</key>
                  <string>dev.odksim.ca.%s</string>
                  <key>PayloadRemovalDisallowed</key>
                  <false/>
                  <key>PayloadType</key>
                  <string>Configuration</string>
                  <key>PayloadUUID</key>
                  <string>%s</string>
                  <key>PayloadVersion</key>
                  <integer>1</integer>
                </dict>
                </plist>
                """.formatted(der, name, id, payloadUuid, fingerprint, id, profileUuid);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
