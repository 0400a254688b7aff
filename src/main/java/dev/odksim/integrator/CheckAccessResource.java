package dev.odksim.integrator;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.Secrets;
import dev.odksim.integrator.IntegratorFaults.Faults;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * The reference integrator's decision endpoint, {@code GET /integrator/check-access?lockId&appUserId} with
 * {@code X-Api-Key}: a bundled example of what a third party builds, answering exactly per docs/design.md §6.4.
 */
@Path("/integrator/check-access")
@Tag(name = "reference-integrator")
@SecurityRequirement(name = "integratorApiKey")
public class CheckAccessResource {

    @Inject
    IntegratorService integrator;
    @Inject
    IntegratorFaults faults;
    @Inject
    OdkConfig config;

    /** The answer of docs/design.md §6.4: the request's ids echoed, the decision, and for a grant the key's duration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(@Schema(required = true) String lockId, @Schema(required = true) String appUserId,
                           @Schema(required = true) boolean hasAccess, KeyData keyData) {
    }

    /** How long the granted key lasts, in seconds from now. */
    public record KeyData(@Schema(required = true) long duration) {
    }

    /** The reference integrator's own error body (not problem+json: a third party's endpoint). */
    public record Error(@Schema(required = true) String error) {
    }

    @GET
    @Operation(operationId = "checkAccess", summary = "The reference integrator's decision endpoint", description = "What a third party builds: docs/integrator-guide.md; its contract is /integrator-contract/openapi.json.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class),
            examples = {@ExampleObject(name = "granted", value = "{\"lockId\":\"front-door\",\"appUserId\":\"+4712345678\",\"hasAccess\":true,\"keyData\":{\"duration\":3600}}"), @ExampleObject(name = "denied", value = "{\"lockId\":\"front-door\",\"appUserId\":\"+4712345678\",\"hasAccess\":false}")}))
    @APIResponse(responseCode = "400", description = "A parameter is missing or not E.164",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Error.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Api-Key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Error.class)))
    public Response checkAccess(@HeaderParam("X-Api-Key") String apiKey, @QueryParam("lockId") String lockId,
                                @QueryParam("appUserId") String appUserId) throws InterruptedException {
        Faults knobs = faults.current();
        if (knobs.latencyMs() > 0) {
            Thread.sleep(knobs.latencyMs());
        }
        if (!Secrets.equal(config.integrator().apiKey(), apiKey)) {
            return error(401, "missing or wrong X-Api-Key");
        }
        if (knobs.forceStatus() != null) {
            return error(knobs.forceStatus(), "fault injected: forced status " + knobs.forceStatus());
        }
        if (knobs.malformedBody()) {
            return Response.ok("{\"lockId\": \"" + "oops", MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (lockId == null || lockId.isBlank()) {
            return error(400, "lockId is required");
        }
        if (appUserId == null || appUserId.isBlank()) {
            return error(400, "appUserId is required");
        }
        var phone = PhoneNumbers.normalise(appUserId);
        if (phone.isEmpty()) {
            return error(400, "appUserId is not an E.164 phone number (was a + sent raw and decoded as a space?)");
        }
        IntegratorService.Answer answer = integrator.checkAccess(lockId, phone.get());
        Decision body = new Decision(lockId, phone.get(), answer.hasAccess(),
                answer.hasAccess() ? new KeyData(answer.durationSeconds()) : null);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Error(message)).build();
    }
}
