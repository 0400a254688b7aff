package dev.odksim.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nimbusds.jose.jwk.ECKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public key-signing keys, so any JOSE library (and the virtual lock) can verify keys offline. */
@Path("/.well-known/jwks.json")
@Tag(name = "keys-admin")
public class JwksResource {

    @Inject
    SigningKeys signingKeys;

    /** An RFC 7517 JWK Set of the platform's public P-256 signing keys. */
    public record Jwks(@Schema(required = true) List<Jwk> keys) {
    }

    /** One public EC key (RFC 7518 §6.2): no private part is ever served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jwk(@Schema(required = true, enumeration = "EC") String kty, @Schema(required = true, enumeration = "P-256") String crv,
                      @Schema(required = true) String kid, @Schema(enumeration = "sig") String use,
                      @Schema(enumeration = "ES256") String alg, @Schema(required = true) String x, @Schema(required = true) String y) {

        static Jwk of(ECKey key) {
            return new Jwk(key.getKeyType().getValue(), key.getCurve().getName(), key.getKeyID(),
                    key.getKeyUse() == null ? null : key.getKeyUse().identifier(),
                    key.getAlgorithm() == null ? null : key.getAlgorithm().getName(), key.getX().toString(), key.getY().toString());
        }
    }

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    @Operation(operationId = "getJwks", summary = "The public key-signing keys (JWKS)")
    public Jwks jwks() {
        return new Jwks(signingKeys.publicJwks().getKeys().stream().map(k -> Jwk.of(k.toECKey().toPublicJWK())).toList());
    }
}
