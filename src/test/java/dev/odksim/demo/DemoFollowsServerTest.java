package dev.odksim.demo;

import dev.odksim.project.OnDemandConfig;
import dev.odksim.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on another port (here: the demo's stored URL naming a port the server left) keeps the demo working: its
 * integrator URL follows the server at start; a URL the user set is never rewritten.
 */
@QuarkusTest
class DemoFollowsServerTest {

    @Inject
    DemoData demo;

    private static String storedUrl() {
        return QuarkusTransaction.requiringNew().call(() -> OnDemandConfig.<OnDemandConfig>findById(DemoData.PROJECT).url);
    }

    private static void pretendEarlierStartOnPort(int port) {
        QuarkusTransaction.requiringNew().run(() -> OnDemandConfig.<OnDemandConfig>findById(DemoData.PROJECT).url =
                "http://localhost:" + port + "/integrator/check-access");
    }

    @Test
    void theDemoTargetFollowsTheServerUnlessAUserSetIt() {
        String own = DemoData.ownIntegratorUrl();
        assertThat(own).contains(":" + io.restassured.RestAssured.port + "/");
        try {
            pretendEarlierStartOnPort(1);
            String app = Api.login(Api.KARI);
            Api.assertProblem(Api.requestAccess(app, Api.demoLockForKari()), 502);

            demo.followServer();
            assertThat(storedUrl()).isEqualTo(own);
            Api.requestAccess(app, Api.demoLockForKari()).then().statusCode(201);

            // A user's own URL (here: the same integrator by another name) is theirs: the next start leaves it. Another host
            // needs its secret sent again (docs/security.md).
            String mine = own.replace("localhost", "127.0.0.1");
            Map<String, Object> auth = Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key");
            Api.admin().body(Map.of("url", mine, "auth", auth)).put("/api/admin/v1/projects/demo/on-demand").then().statusCode(200);
            demo.followServer();
            assertThat(storedUrl()).isEqualTo(mine);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                OnDemandConfig config = OnDemandConfig.findById(DemoData.PROJECT);
                config.url = DemoData.ownIntegratorUrl();
                config.followsServer = true;
            });
        }
    }
}
