package dev.odksim.appauth;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** OTP login: single use, five-minute expiry, lockout after five wrong codes, logout. */
@QuarkusTest
class OtpLoginTest {

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private static Response token(String appUserId, String code) {
        return RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", appUserId, "code", code))
                .post("/api/app/v1/auth/token");
    }

    private static void requestCode(String appUserId) {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", appUserId)).post("/api/app/v1/auth/otp")
                .then().statusCode(202);
    }

    @Test
    void codeIsSingleUse() {
        String user = "+4740000001";
        requestCode(user);
        String code = Api.latestCode(user);
        token(user, code).then().statusCode(200);
        Api.assertProblem(token(user, code), 401);
    }

    @Test
    void parallelTriesWithOneCodeStartOneSession() throws Exception {
        String user = "+4740000007";
        requestCode(user);
        String code = Api.latestCode(user);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(pool.submit(() -> {
                    start.await();
                    return token(user, code).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> t : tries) {
                statuses.add(t.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("one code, one session").containsOnlyOnce(200).containsOnly(200, 401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        String user = "+4740000002";
        requestCode(user);
        String code = Api.latestCode(user);
        Api.travel(5 * 60 + 1);
        assertThat(Api.assertProblem(token(user, code), 401).<String>path("detail")).contains("expired");
    }

    @Test
    void fiveWrongCodesLockTheNumberOut() {
        String user = "+4740000003";
        requestCode(user);
        String code = Api.latestCode(user);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Api.assertProblem(token(user, wrong), 401);
        }
        Response locked = Api.assertProblem(token(user, code), 429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        Api.assertProblem(RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", user)).post("/api/app/v1/auth/otp"), 429);
        Api.travel(16 * 60);
        requestCode(user);
        token(user, Api.latestCode(user)).then().statusCode(200);
    }

    @Test
    void tooManyCodeRequestsAreRefused() {
        String user = "+4740000004";
        for (int i = 0; i < 5; i++) {
            requestCode(user);
        }
        Api.assertProblem(RestAssured.given().contentType(ContentType.JSON).body(Map.of("appUserId", user)).post("/api/app/v1/auth/otp"), 429);
    }

    @Test
    void logoutEndsTheSession() {
        String token = Api.login("+4740000005");
        Api.app(token).get("/api/app/v1/keys").then().statusCode(200);
        Api.app(token).post("/api/app/v1/auth/logout").then().statusCode(204);
        Api.assertProblem(Api.app(token).get("/api/app/v1/keys"), 401);
    }

    @Test
    void tokenResponseHasTheContractShape() {
        requestCode("+4740000006");
        Response response = token("+4740000006", Api.latestCode("+4740000006"));
        response.then().statusCode(200);
        assertThat(response.<String>path("tokenType")).isEqualTo("Bearer");
        assertThat(response.<Integer>path("expiresIn")).isPositive();
        assertThat(response.<String>path("accessToken")).hasSizeGreaterThan(30);
    }
}
