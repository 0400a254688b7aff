package dev.odksim.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** Jackson with this record's own names and inclusion, unknown members ignored: the one mapping of members to fields. */
    private static final ObjectMapper MEMBERS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The members as nimbus-jose-jwt parses them (null members left out). */
    public Map<String, Object> members() {
        return MEMBERS.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** A key from nimbus's JSON members (a stored, already checked key). */
    public static JsonWebKey of(Map<String, Object> members) {
        return MEMBERS.convertValue(members, JsonWebKey.class);
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
