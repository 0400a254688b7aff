package dev.odksim.appauth;

import dev.odksim.testing.Api;
import dev.odksim.testing.Device;
import dev.odksim.testing.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app login's limits and "only one" rules under parallel requests released together: the limit holds, one code
 * gives one session, a device key serves one login, and every lost race is a clean 4xx, never a 500.
 */
@QuarkusTest
class LoginRacesTest {

    private static String newNumber() {
        return "+4749" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private static Response requestCode(String appUserId) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", appUserId)).post("/api/app/v1/auth/otp");
    }

    private static Response token(String appUserId, String code, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("appUserId", appUserId);
        body.put("code", code);
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/app/v1/auth/token");
    }

    private static int codesSentTo(String appUserId) {
        List<?> messages = Api.admin().queryParam("to", appUserId).get("/api/sim/v1/sms").then().statusCode(200)
                .extract().path("messages");
        return messages.size();
    }

    @Test
    void twelveParallelCodeRequestsForANewNumberSendAtMostFiveCodes() throws Exception {
        for (int round = 0; round < 3; round++) {
            String user = newNumber();
            List<Response> answers = Race.times(12, i -> requestCode(user));
            List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
            assertThat(statuses).as("round %d: %s", round, answers.stream().map(Response::asString).toList())
                    .containsOnly(202, 429);
            assertThat(statuses.stream().filter(s -> s == 202).count()).as("accepted").isEqualTo(5);
            answers.stream().filter(r -> r.statusCode() == 429).forEach(r -> {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isNotBlank();
            });
            assertThat(codesSentTo(user)).as("codes sent to %s", user).isEqualTo(5);
        }
    }

    @Test
    void twentyParallelVerificationsOfOneCodeStartOneSession() throws Exception {
        String user = newNumber();
        requestCode(user).then().statusCode(202);
        String code = Api.latestCode(user);
        List<Integer> statuses = Race.times(20, i -> token(user, code, Map.of()).statusCode());
        assertThat(statuses).as("one code, one session").containsOnlyOnce(200).containsOnly(200, 401);
    }

    @Test
    void oneDeviceKeyRegisteredByTwoLoginsAtOnceServesOneOfThem() throws Exception {
        for (int round = 0; round < 3; round++) {
            Device device = Device.fresh();
            String suffix = round + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
            String first = newNumber();
            String second = newNumber();
            requestCode(first).then().statusCode(202);
            requestCode(second).then().statusCode(202);
            String firstCode = Api.latestCode(first);
            String secondCode = Api.latestCode(second);
            List<Response> answers = Race.run(List.of(
                    () -> token(first, firstCode, Map.of("deviceId", "phone-a-" + suffix, "devicePublicKey", device.publicJwk())),
                    () -> token(second, secondCode, Map.of("deviceId", "phone-b-" + suffix, "devicePublicKey", device.publicJwk()))));
            List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
            assertThat(statuses).as("%s", answers.stream().map(Response::asString).toList()).containsExactlyInAnyOrder(200, 409);
            Response refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.<String>path("reason")).isEqualTo("DEVICE_KEY_REUSED");
        }
    }

    @Test
    void parallelLoginsOnOneDeviceLeaveOneLiveSession() throws Exception {
        String deviceId = "shared-phone-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<String> users = List.of(newNumber(), newNumber(), newNumber(), newNumber());
        List<String> codes = users.stream().map(u -> {
            requestCode(u).then().statusCode(202);
            return Api.latestCode(u);
        }).toList();
        List<Response> answers = Race.times(users.size(), i -> token(users.get(i), codes.get(i),
                Map.of("deviceId", deviceId, "devicePublicKey", Device.fresh().publicJwk())));
        assertThat(answers.stream().map(Response::statusCode).toList()).as("%s", answers.stream().map(Response::asString).toList())
                .containsOnly(200, 409).contains(200);
        long live = answers.stream().filter(r -> r.statusCode() == 200)
                .filter(r -> Api.app(r.<String>path("accessToken")).get("/api/app/v1/keys").statusCode() == 200).count();
        assertThat(live).as("live sessions on the device").isEqualTo(1);
    }
}
