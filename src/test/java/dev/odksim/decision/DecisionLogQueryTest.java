package dev.odksim.decision;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad {@code limit} values on the admin logs of decisions and validation runs: a 400 naming the parameter, never a 404 or 500. */
@QuarkusTest
class DecisionLogQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/v1/projects/demo/decisions", "/api/admin/v1/projects/demo/validations"})
    void aLimitThatIsNotANumberIsABadRequestNamingIt(String path) {
        for (String limit : new String[]{"abc", "0", "1001", "99999999999"}) {
            var response = Api.assertProblem(Api.admin().queryParam("limit", limit).get(path), 400);
            assertThat(response.asString()).as(limit).contains("limit");
        }
        Api.admin().queryParam("limit", "2").get(path).then().statusCode(200);
    }
}
