package dev.odksim.key;

import dev.odksim.appauth.AppCaller;
import dev.odksim.appauth.AppUserOnly;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** App API: the caller's keys, and the download of one. */
@AppUserOnly
@Path("/api/app/v1/keys")
@Tag(name = "app-access")
@SecurityRequirement(name = "appBearer")
public class AppKeyResource {

    @Inject
    KeyService keys;
    @Inject
    AppCaller caller;

    /** The app user's keys. */
    public record Keys(@Schema(required = true) List<KeyView> keys) {
    }

    @GET
    @Operation(operationId = "listMyKeys", summary = "The app user's keys")
    public Keys mine() {
        Instant now = keys.now();
        return new Keys(keys.keysOf(caller.appUserId()).stream().map(k -> KeyView.of(k, now)).toList());
    }

    @GET
    @Path("{keyId}")
    @Operation(operationId = "getMyKey", summary = "Download one of the app user's keys")
    public KeyView download(@PathParam("keyId") String keyId) {
        return keys.keyOf(caller.appUserId(), keyId).map(k -> KeyView.of(k, keys.now()))
                .orElseThrow(() -> ProblemException.notFound("Key", keyId));
    }
}
