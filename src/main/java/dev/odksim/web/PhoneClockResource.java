package dev.odksim.web;

import dev.odksim.common.SimClock;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Map;

/**
 * The simulator's "now" for the phone web app, so its key countdown follows time travel (docs/design.md §4) the way the
 * virtual lock does. Public: the simulated time is no secret, and the page has no admin token.
 */
@Path("/app/clock")
public class PhoneClockResource {

    @Inject
    SimClock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Instant> now() {
        return Map.of("now", clock.now());
    }
}
