package dev.odksim.access;

import dev.odksim.appauth.AppCaller;
import dev.odksim.appauth.AppUserOnly;
import dev.odksim.key.KeyService;
import dev.odksim.key.KeyView;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** App API: request access to a lock (docs/api.md). */
@AppUserOnly
@Path("/api/app/v1/locks/{lockId}/access")
@Tag(name = "app-access")
@SecurityRequirement(name = "appBearer")
public class AccessResource {

    @Inject
    AccessService access;
    @Inject
    AppCaller caller;
    @Inject
    KeyService keys;

    public record AccessRequest(
            @Schema(description = "The scanProof from the sticker scan, when the project requires one") String scanProof) {
    }

    /** Where the key came from: the user's existing active key (200), or one minted on a fresh decision (201). */
    public enum Source {
        ON_DEMAND("on-demand"), EXISTING("existing");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** The answer to an access request; {@code decisionId} names the decision that granted a new key (201 only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"source", "key"})
    public record AccessAnswer(
            @Schema(enumeration = {"on-demand", "existing"}, required = true) Source source,
            @Schema(description = "The recorded decision (201 only)") String decisionId,
            @Schema(required = true) KeyView key) {
    }

    @POST
    @Operation(operationId = "requestAccess", summary = "Request access to a lock", description = "The user's active key for the lock if there is one (200), else a decision by the project's integrator and a freshly minted key (201); never a key on a failure.")
    @APIResponse(responseCode = "201", description = "A decision granted a new key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessAnswer.class),
            examples = {@ExampleObject(name = "granted", value = "{\"source\":\"on-demand\",\"decisionId\":\"dec-9Zk1\",\"key\":{\"id\":\"key-7Hq2\",\"lockId\":\"front-door\",\"appUserId\":\"+4712345678\",\"start\":\"2026-03-02T08:00:00Z\",\"end\":\"2026-03-02T16:00:00Z\",\"state\":\"active\",\"source\":\"on-demand\",\"decisionId\":\"dec-9Zk1\",\"token\":\"eyJraWQiOi...\",\"deviceBound\":false}}")}))
    @APIResponse(responseCode = "200", description = "The user's existing active key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccessAnswer.class),
            examples = {@ExampleObject(name = "existing", value = "{\"source\":\"existing\",\"key\":{\"id\":\"key-7Hq2\",\"lockId\":\"front-door\",\"appUserId\":\"+4712345678\",\"start\":\"2026-03-02T08:00:00Z\",\"end\":\"2026-03-02T16:00:00Z\",\"state\":\"active\",\"source\":\"on-demand\",\"decisionId\":\"dec-9Zk1\",\"token\":\"eyJraWQiOi...\",\"deviceBound\":false}}")}))
    public Response request(@PathParam("lockId") String lockId, AccessRequest body) {
        AccessResult result = access.requestAccess(caller.session(), lockId, body == null ? null : body.scanProof());
        KeyView key = KeyView.of(result.key(), keys.now());
        if (result instanceof AccessResult.OnDemand onDemand) {
            return Response.status(201).entity(new AccessAnswer(Source.ON_DEMAND, onDemand.decisionId(), key)).build();
        }
        return Response.ok(new AccessAnswer(Source.EXISTING, null, key)).build();
    }
}
