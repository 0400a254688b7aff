package dev.odksim.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Web Key (RFC 7517) as the edge takes and shows it: the public members of EC, OKP and RSA keys, plus {@code d}
 * only so that a private key is refused rather than silently stripped. Unknown members (WebCrypto's {@code ext}) are
 * ignored. Checked by nimbus-jose-jwt through {@link #members()}.
 */
@Schema(description = "A JSON Web Key (RFC 7517); public members only")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonWebKey(@Schema(required = true, description = "Key type: EC, RSA or OKP") String kty,
                         String use,
                         @JsonProperty("key_ops") List<String> keyOps,
                         String alg,
                         String kid,
                         @Schema(description = "Curve (EC, OKP), e.g. P-256") String crv,
                         @Schema(description = "base64url x coordinate (EC, OKP)") String x,
                         @Schema(description = "base64url y coordinate (EC)") String y,
                         @Schema(description = "base64url modulus (RSA)") String n,
                         @Schema(description = "base64url exponent (RSA)") String e,
                         @Schema(description = "Certificate chain, base64 DER") List<String> x5c,
                         @Schema(description = "Must be absent: a private key is refused", deprecated = true) String d) {

    /** The members as nimbus-jose-jwt parses them (null members left out). */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        put(members, "kty", kty);
        put(members, "use", use);
        put(members, "key_ops", keyOps);
        put(members, "alg", alg);
        put(members, "kid", kid);
        put(members, "crv", crv);
        put(members, "x", x);
        put(members, "y", y);
        put(members, "n", n);
        put(members, "e", e);
        put(members, "x5c", x5c);
        put(members, "d", d);
        return members;
    }

    /** A key from nimbus's JSON members (a stored, already checked key). */
    public static JsonWebKey of(Map<String, Object> members) {
        return new JsonWebKey(str(members, "kty"), str(members, "use"), strings(members, "key_ops"),
                str(members, "alg"), str(members, "kid"), str(members, "crv"), str(members, "x"), str(members, "y"),
                str(members, "n"), str(members, "e"), strings(members, "x5c"), str(members, "d"));
    }

    private static List<String> strings(Map<String, Object> members, String name) {
        return members.get(name) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
    }

    private static String str(Map<String, Object> members, String name) {
        Object value = members.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static void put(Map<String, Object> members, String name, Object value) {
        if (value != null) {
            members.put(name, value);
        }
    }

    /** A JWK Set (RFC 7517 §5). */
    @Schema(name = "JsonWebKeySet")
    public record Set(@Schema(required = true) List<JsonWebKey> keys) {

        public Map<String, Object> members() {
            return Map.of("keys", keys == null ? List.of() : keys.stream().map(k -> k == null ? Map.of() : k.members()).toList());
        }

        @SuppressWarnings("unchecked")
        public static Set of(Map<String, Object> members) {
            return new Set(((List<Map<String, Object>>) members.get("keys")).stream().map(JsonWebKey::of).toList());
        }
    }
}
