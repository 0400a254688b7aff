package dev.odksim.sim;

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
import java.util.Map;

/** Simulator controls: the SMS inbox and time travel (docs/api.md). */
@AdminOnly
@Path("/api/sim/v1")
public class SimResource {

    private static final Logger LOG = Logger.getLogger(SimResource.class);
    private static final long MAX_OFFSET_SECONDS = 3650L * 86400;

    @Inject
    SmsInbox sms;
    @Inject
    SimClock clock;

    public record Message(String to, String text, String code, Instant sentAt) {
    }

    public record Clock(Instant now, Long offsetSeconds) {
    }

    @GET
    @Path("sms")
    public Map<String, List<Message>> sms(@QueryParam("to") String to, @QueryParam("limit") String limit) {
        int pageSize = QueryLimit.parse(limit, 50, 1000);
        String number = to == null ? null : PhoneNumbers.require("to", to);
        return Map.of("messages", sms.messages(number, pageSize).stream().map(SimResource::view).toList());
    }

    @GET
    @Path("clock")
    public Clock clock() {
        return new Clock(clock.now(), clock.offset().getSeconds());
    }

    @PUT
    @Path("clock")
    public Clock travel(Clock body) {
        if (body == null || body.offsetSeconds() == null) {
            throw ProblemException.badRequest("offsetSeconds", "is required: seconds to shift the simulator clock by (0 = real time)");
        }
        // Not Math.abs: it leaves Long.MIN_VALUE negative, and that offset would break the clock for every request.
        if (body.offsetSeconds() > MAX_OFFSET_SECONDS || body.offsetSeconds() < -MAX_OFFSET_SECONDS) {
            throw ProblemException.badRequest("offsetSeconds", "must be within ±" + MAX_OFFSET_SECONDS + " (ten years)");
        }
        clock.setOffset(Duration.ofSeconds(body.offsetSeconds()));
        LOG.infof("Time travel: clock offset now %d s (simulated now %s)", body.offsetSeconds(), clock.now());
        return clock();
    }

    private static Message view(SmsMessage m) {
        return new Message(m.to, m.text, m.code, m.sentAt);
    }
}
