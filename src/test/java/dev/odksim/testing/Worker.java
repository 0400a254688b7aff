package dev.odksim.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh worker of the reference integrator with a task at a fresh demo lock: its own phone number, so tests that
 * log in often stay clear of another user's OTP request limit.
 */
public record Worker(String phone, String lock) {

    public static Worker withTaskAtNewDemoLock() {
        String phone = "+4791" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String id = Api.uniqueId("worker");
        Api.admin().body(Map.of("id", id, "name", "Worker " + id, "phone", phone)).post("/integrator/admin/workers").then().statusCode(201);
        String lock = Api.newLock("demo");
        String location = Api.uniqueId("loc");
        Api.admin().body(Map.of("id", location, "name", "Location " + lock, "lockIds", List.of(lock)))
                .post("/integrator/admin/locations").then().statusCode(201);
        Instant now = Instant.now();
        Api.admin().body(Map.of("workerId", id, "locationId", location, "title", "Test task",
                        "start", now.minusSeconds(60).toString(), "end", now.plusSeconds(8 * 3600).toString()))
                .post("/integrator/admin/tasks").then().statusCode(201);
        return new Worker(phone, lock);
    }
}
