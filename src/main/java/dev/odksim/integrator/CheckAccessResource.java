package dev.odksim.integrator;

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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference integrator's decision endpoint, {@code GET /integrator/check-access?lockId&appUserId} with
 * {@code X-Api-Key}: a bundled example of what a third party builds, answering exactly per the seed.
 */
@Path("/integrator/check-access")
public class CheckAccessResource {

    @Inject
    IntegratorService integrator;
    @Inject
    IntegratorFaults faults;
    @Inject
    OdkConfig config;

    @GET
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lockId", lockId);
        body.put("appUserId", phone.get());
        body.put("hasAccess", answer.hasAccess());
        if (answer.hasAccess()) {
            body.put("keyData", Map.of("duration", answer.durationSeconds()));
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
