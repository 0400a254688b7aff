package dev.odksim.key;

import dev.odksim.common.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Admin API: the key-signing keys (public facts only) and their rotation. */
@AdminOnly
@Path("/api/admin/v1/signing-keys")
public class SigningKeyResource {

    @Inject
    SigningKeys signingKeys;

    @GET
    public Map<String, List<SigningKeys.Info>> list() {
        return Map.of("signingKeys", signingKeys.info());
    }

    /** Retires the current key (it stays in the JWKS while keys it signed are valid) and signs new keys with a fresh one. */
    @POST
    @Path("rotate")
    public Response rotate() {
        String kid = signingKeys.rotate();
        return Response.status(201).entity(Map.of("kid", kid, "signingKeys", signingKeys.info())).build();
    }
}
