package dev.odksim.key;

import dev.odksim.appauth.AppCaller;
import dev.odksim.appauth.AppUserOnly;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** App API: the caller's keys, and the download of one. */
@AppUserOnly
@Path("/api/app/v1/keys")
public class AppKeyResource {

    @Inject
    KeyService keys;
    @Inject
    AppCaller caller;

    @GET
    public Map<String, List<KeyView>> mine() {
        Instant now = keys.now();
        return Map.of("keys", keys.keysOf(caller.appUserId()).stream().map(k -> KeyView.of(k, now)).toList());
    }

    @GET
    @Path("{keyId}")
    public KeyView download(@PathParam("keyId") String keyId) {
        return keys.keyOf(caller.appUserId(), keyId).map(k -> KeyView.of(k, keys.now()))
                .orElseThrow(() -> ProblemException.notFound("Key", keyId));
    }
}
