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

import java.util.LinkedHashMap;
import java.util.Map;

/** App API: request access to a lock (docs/api.md). */
@AppUserOnly
@Path("/api/app/v1/locks/{lockId}/access")
public class AccessResource {

    @Inject
    AccessService access;
    @Inject
    AppCaller caller;
    @Inject
    KeyService keys;

    public record AccessRequest(String scanProof) {
    }

    @POST
    public Response request(@PathParam("lockId") String lockId, AccessRequest body) {
        AccessResult result = access.requestAccess(caller.session(), lockId, body == null ? null : body.scanProof());
        Map<String, Object> answer = new LinkedHashMap<>();
        KeyView key = KeyView.of(result.key(), keys.now());
        if (result instanceof AccessResult.OnDemand onDemand) {
            answer.put("source", "on-demand");
            answer.put("decisionId", onDemand.decisionId());
            answer.put("key", key);
            return Response.status(201).entity(answer).build();
        }
        answer.put("source", "existing");
        answer.put("key", key);
        return Response.ok(answer).build();
    }
}
