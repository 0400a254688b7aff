package dev.odksim.key;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.util.Map;

/** The public key-signing keys, so any JOSE library (and the virtual lock) can verify keys offline. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    @Inject
    SigningKeys signingKeys;

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    public Map<String, Object> jwks() {
        return signingKeys.publicJwks().toJSONObject(true);
    }
}
