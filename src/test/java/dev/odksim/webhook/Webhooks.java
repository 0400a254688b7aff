package dev.odksim.webhook;

import dev.odksim.testing.Api;
import dev.odksim.testing.Worker;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the webhook tests do through the admin API: register, read the delivery log, open locks, travel in time. */
final class Webhooks {

    private Webhooks() {
    }

    /** A lock that opens with {@code token}: a fresh demo lock and a key to it for a fresh worker. */
    record Door(String project, String lock, String token) {
        void unlock() {
            Response unlocked = Api.unlock(lock, token);
            assertThat(unlocked.statusCode()).as(unlocked.asString()).isEqualTo(200);
        }
    }

    static Door door() {
        Worker worker = Worker.withTaskAtNewDemoLock();
        Response granted = Api.requestAccess(Api.login(worker.phone()), worker.lock());
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(201);
        return new Door("demo", worker.lock(), granted.path("key.token"));
    }

    static String base(String project) {
        return "/api/admin/v1/projects/" + project + "/webhooks";
    }

    static Map<String, Object> register(String project, String url, String lockId) {
        Map<String, Object> body = lockId == null ? Map.of("trigger", "accessEvent", "url", url)
                : Map.of("trigger", "accessEvent", "url", url, "lockId", lockId);
        return Api.admin().body(body).post(base(project)).then().statusCode(201).extract().jsonPath().getMap("");
    }

    static List<Map<String, Object>> deliveries(String project, String webhookId) {
        return Api.admin().get(base(project) + "/" + webhookId + "/deliveries?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("deliveries");
    }

    static Map<String, Object> onlyDelivery(String project, String webhookId) {
        List<Map<String, Object>> all = deliveries(project, webhookId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static Map<String, Object> webhook(String project, String webhookId) {
        return Api.admin().get(base(project) + "/" + webhookId).then().statusCode(200).extract().jsonPath().getMap("");
    }

    static Instant simNow() {
        return Instant.parse(Api.admin().get("/api/sim/v1/clock").then().statusCode(200).extract().path("now"));
    }

    static long offset() {
        return ((Number) Api.admin().get("/api/sim/v1/clock").then().statusCode(200).extract().path("offsetSeconds")).longValue();
    }

    /** Moves the simulator clock to just past {@code target}. */
    static void travelPast(Instant target) {
        long ahead = Duration.between(simNow(), target).getSeconds() + 2;
        Api.travel(offset() + Math.max(ahead, 0));
    }

    static void travelBy(Duration duration) {
        Api.travel(offset() + duration.getSeconds());
    }
}
