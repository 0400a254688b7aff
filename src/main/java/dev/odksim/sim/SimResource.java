package dev.odksim.sim;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.appauth.SmsInbox;
import dev.odksim.appauth.SmsMessage;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Simulator controls: the SMS inbox and time travel (docs/api.md). */
@AdminOnly
@Path("/api/sim/v1")
@Tag(name = "simulator")
@SecurityRequirement(name = "adminBearer")
public class SimResource {

    private static final Logger LOG = Logger.getLogger(SimResource.class);
    static final long MAX_OFFSET_SECONDS = 3650L * 86400;

    @Inject
    SmsInbox sms;
    @Inject
    SimClock clock;

    public record Message(String to, String text, String code, Instant sentAt) {
    }

    public record Messages(@Schema(required = true) List<Message> messages) {
    }

    public record Clock(Instant now,
                        @NotNull(message = "is required: seconds to shift the simulator clock by (0 = real time)")
                        @Min(value = -MAX_OFFSET_SECONDS, message = "must be within ±" + MAX_OFFSET_SECONDS + " (ten years)")
                        @Max(value = MAX_OFFSET_SECONDS, message = "must be within ±" + MAX_OFFSET_SECONDS + " (ten years)")
                        Long offsetSeconds) {
    }

    @GET
    @Path("sms")
    @Operation(operationId = "listSmsMessages", summary = "The simulated SMS inbox, newest first")
    public Messages sms(@QueryParam("to") String to, @QueryParam("limit") String limit) {
        int pageSize = QueryLimit.parse(limit, 50, 1000);
        String number = to == null ? null : PhoneNumbers.require("to", to);
        return new Messages(sms.messages(number, pageSize).stream().map(SimResource::view).toList());
    }

    @GET
    @Path("clock")
    @Operation(operationId = "getClock", summary = "The simulator clock")
    public Clock clock() {
        return new Clock(clock.now(), clock.offset().getSeconds());
    }

    @PUT
    @Path("clock")
    @Operation(operationId = "setClock", summary = "Time travel: shift the simulator clock")
    public Clock travel(@Valid @NotNull(message = "is required: {\"offsetSeconds\": seconds to shift the clock by}") Clock body) {
        clock.setOffset(Duration.ofSeconds(body.offsetSeconds()));
        LOG.infof("Time travel: clock offset now %d s (simulated now %s)", body.offsetSeconds(), clock.now());
        return clock();
    }

    private static Message view(SmsMessage m) {
        return new Message(m.to, m.text, m.code, m.sentAt);
    }
}
