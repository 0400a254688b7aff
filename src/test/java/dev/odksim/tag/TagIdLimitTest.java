package dev.odksim.tag;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/stickers.md: a chosen tag id is 1-64 characters, and the API says so (docs/security.md, finding 7). */
@QuarkusTest
class TagIdLimitTest {

    @Test
    void tagIdsAreOneToSixtyFourCharacters() {
        String project = Api.projectCalling("http://localhost:1/check", Map.of());
        String lock = Api.newLock(project);
        String path = "/api/admin/v1/projects/" + project + "/tags";
        for (String tooLong : List.of("t".repeat(65), "t".repeat(128), "t".repeat(100) + "!")) {
            Response bad = Api.assertProblem(Api.admin().body(Map.of("lockId", lock, "tagId", tooLong)).post(path), 400);
            assertThat(bad.<List<String>>path("invalidParams.name")).containsExactly("tagId");
            assertThat(bad.<List<String>>path("invalidParams.reason").get(0)).contains("1-64");
        }
        String prefix = Api.uniqueId("t");
        String longest = prefix + "x".repeat(64 - prefix.length());
        assertThat(longest).hasSize(64);
        Response ok = Api.admin().body(Map.of("lockId", lock, "tagId", longest)).post(path);
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(201);
    }
}
