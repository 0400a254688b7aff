package dev.odksim.unloc;

import dev.odksim.testing.Api;
import dev.odksim.testing.Unloc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recurring /v2 key at the offline virtual lock, with time travel across the next daylight-saving change of the lock's
 * zone: the span stays the same wall-clock hour on the door, so its UTC instants move by the change.
 */
@QuarkusTest
class UnlocRecurrenceTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private static Response unlockAt(Instant when, String lock, String jws) {
        Api.travel(Duration.between(Instant.now(), when).getSeconds());
        return Api.unlock(lock, jws);
    }

    @Test
    void recurringKeyOpensInsideItsSpanAndRefusesOutsideAcrossADstChange() {
        String project = Unloc.newProject();
        String lock = Api.newLock(project);
        Unloc.settings(project, Map.of("provisioningDelayMs", 0));
        Instant change = OSLO.getRules().nextTransition(Instant.now()).getInstant();
        ZonedDateTime changeDay = change.atZone(OSLO).truncatedTo(ChronoUnit.DAYS);
        String weekday = changeDay.getDayOfWeek().name().substring(0, 3).toLowerCase();
        String token = Unloc.token(project);
        Map<String, Object> key = Unloc.key(lock, Unloc.newPhone());
        key.put("end", Instant.now().plus(Duration.between(Instant.now(), change)).plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS).toString());
        key.put("recurrence", Map.of("timeSpans", List.of(Map.of("weekday", weekday, "startHour", 8, "startMinute", 0,
                "endHour", 9, "endMinute", 0))));
        String jobRef = Unloc.createKeys(token, project, List.of(key));
        Response job = Unloc.awaitJob(token, project, jobRef);
        String keyId = job.path("keys[0].id");
        Response stored = Unloc.as(token).get("/v2/projects/" + project + "/keys/" + keyId);
        assertThat(stored.<String>path("recurrence.timeSpans[0].weekday")).isEqualTo(weekday);
        String jws = Api.admin().get("/api/admin/v1/projects/" + project + "/keys/" + keyId).then().extract().path("token");

        Instant weekBefore = changeDay.minusWeeks(1).with(LocalTime.of(8, 30)).toInstant();
        Instant onTheDay = changeDay.with(LocalTime.of(8, 30)).toInstant();
        Duration shift = Duration.ofSeconds(OSLO.getRules().getOffset(onTheDay).getTotalSeconds()
                - OSLO.getRules().getOffset(weekBefore).getTotalSeconds());
        assertThat(shift).as("the day has a clock change").isNotEqualTo(Duration.ZERO);

        assertThat(unlockAt(weekBefore, lock, jws).statusCode()).as("08:30 the week before").isEqualTo(200);
        assertThat(unlockAt(onTheDay, lock, jws).statusCode()).as("08:30 local on the day of the change").isEqualTo(200);
        // The same UTC time-of-day as 08:30 the week before is 07:30 or 09:30 on the door now: outside.
        Response shifted = unlockAt(onTheDay.minus(shift).plus(Duration.ofDays(0)), lock, jws);
        assertThat(shifted.statusCode()).isEqualTo(403);
        assertThat(shifted.<String>path("reason")).isEqualTo("OUTSIDE_SCHEDULE");
        Response otherDay = unlockAt(onTheDay.plus(Duration.ofDays(1)), lock, jws);
        assertThat(otherDay.<String>path("reason")).isEqualTo("OUTSIDE_SCHEDULE");
    }
}
