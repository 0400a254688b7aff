package dev.odksim.signing;

import dev.odksim.common.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: the key-signing keys (public facts only) and their rotation. */
@AdminOnly
@Path("/api/admin/v1/signing-keys")
@Tag(name = "keys-admin")
@SecurityRequirement(name = "adminBearer")
public class SigningKeyResource {

    @Inject
    SigningKeys signingKeys;

    public record SigningKeyList(@Schema(required = true) List<SigningKeys.Info> signingKeys) {
    }

    /** The new current key's id, and all keys after the rotation. */
    public record Rotation(@Schema(required = true) String kid, @Schema(required = true) List<SigningKeys.Info> signingKeys) {
    }

    @GET
    @Operation(operationId = "listSigningKeys", summary = "The key-signing keys (public facts only)")
    public SigningKeyList list() {
        return new SigningKeyList(signingKeys.info());
    }

    /** Retires the current key (it stays in the JWKS while keys it signed are valid) and signs new keys with a fresh one. */
    @POST
    @Path("rotate")
    @Operation(operationId = "rotateSigningKey", summary = "Rotate the key-signing key")
    @APIResponse(responseCode = "201", description = "The new key and all keys",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rotation.class)))
    public Response rotate() {
        String kid = signingKeys.rotate();
        return Response.status(201).entity(new Rotation(kid, signingKeys.info())).build();
    }
}
