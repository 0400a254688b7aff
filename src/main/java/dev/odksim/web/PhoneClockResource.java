package dev.odksim.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.common.SimClock;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulator's "now" for the phone web app, so its key countdown follows time travel (docs/design.md §4) the way the
 * virtual lock does. Public: the simulated time is no secret, and the page has no admin token.
 */
@Path("/app/clock")
@Tag(name = "simulator")
public class PhoneClockResource {

    @Inject
    SimClock clock;

    /** The simulator's clock (time travel included), so the phone page shows key windows as the lock sees them. */
    public record Now(@Schema(required = true) Instant now) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPhoneClock", summary = "The simulator clock, for the phone page")
    public Now now() {
        return new Now(clock.now());
    }
}
