package dev.odksim.decision;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Optional HMAC-SHA256 signing of the decision request, in the style of Standard Webhooks, so an integrator can
 * authenticate the caller beyond a static key. docs/integrator-guide.md gives the verification recipe:
 * <pre>
 *   signed content  = webhook-id + "." + webhook-timestamp + "." + METHOD + "." + path-and-query (exactly as sent)
 *   webhook-signature = "v1," + base64( HMAC-SHA256( key = UTF-8 bytes of the secret, signed content ) )
 * </pre>
 */
public final class RequestSigning {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private RequestSigning() {
    }

    public static String signedContent(String id, long timestampSeconds, String method, String pathAndQuery) {
        return id + "." + timestampSeconds + "." + method + "." + pathAndQuery;
    }

    public static String signature(String secret, String signedContent) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
