package dev.odksim.sim;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator controls refuse bad input with a problem naming the field, and stay usable afterwards. */
@QuarkusTest
class SimControlsTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    @Test
    void theSmsInboxNamesABadLimit() {
        Response bad = Api.assertProblem(Api.admin().queryParam("limit", "abc").get("/api/sim/v1/sms"), 400);
        assertThat(bad.<String>path("invalidParams[0].name")).isEqualTo("limit");
        Api.assertProblem(Api.admin().queryParam("limit", "abc").get("/api/admin/v1/projects/demo/access-events"), 400);
    }

    @Test
    void timeTravelBeyondTenYearsEitherWayIsRefusedAndTheClockStillWorks() {
        for (String offset : new String[]{"-9223372036854775808", "9223372036854775807", "-315360001"}) {
            Response refused = Api.assertProblem(Api.admin().body("{\"offsetSeconds\":" + offset + "}").put("/api/sim/v1/clock"), 400);
            assertThat(refused.<String>path("invalidParams[0].name")).as(offset).isEqualTo("offsetSeconds");
        }
        assertThat(Api.admin().get("/api/sim/v1/clock").then().statusCode(200).extract().<Integer>path("offsetSeconds")).isZero();
    }
}
