package dev.odksim.demo;

import dev.odksim.integrator.OwnIntegrator;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's decision target is this instance's own reference integrator, resolved at call time: a stored URL naming a
 * port nobody listens on (a restart on another port, or in a cluster the instance that started last and is gone) does
 * not break the demo. A URL the user set is theirs: used as it is, and never rewritten at start.
 */
@QuarkusTest
class DemoFollowsServerTest {

    @Inject
    DemoData demo;
    @Inject
    OwnIntegrator own;

    private static String storedUrl() {
        return QuarkusTransaction.requiringNew().call(() -> OnDemandConfig.<OnDemandConfig>findById(DemoData.PROJECT).url);
    }

    private static void storeUrl(String url) {
        QuarkusTransaction.requiringNew().run(() -> OnDemandConfig.<OnDemandConfig>findById(DemoData.PROJECT).url = url);
    }

    private static String lastDecisionRequest() {
        List<Map<String, Object>> decisions = Api.admin().get("/api/admin/v1/projects/demo/decisions?limit=1")
                .then().statusCode(200).extract().path("decisions");
        return String.valueOf(decisions.get(0).get("request"));
    }

    @Test
    void theDemoTargetIsResolvedPerInstanceUnlessAUserSetIt() {
        String gone = OwnIntegrator.url(1);
        assertThat(own.url()).contains(":" + io.restassured.RestAssured.port + "/");
        try {
            // Stored by an instance (or an earlier start) that listened elsewhere: this instance still asks its own integrator.
            storeUrl(gone);
            String app = Api.login(Api.KARI);
            Api.requestAccess(app, Api.demoLockForKari()).then().statusCode(201);
            assertThat(lastDecisionRequest()).contains(own.url()).doesNotContain(":1/");

            // At start the stored URL is refreshed as well, so the dashboard names a live server.
            demo.followServer();
            assertThat(storedUrl()).isEqualTo(own.url());

            // A user's own URL is theirs: the call goes there (here: nowhere, so 502) and a start leaves it.
            Map<String, Object> auth = Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", own.apiKey());
            Api.admin().body(Map.of("url", gone, "auth", auth)).put("/api/admin/v1/projects/demo/on-demand").then().statusCode(200);
            Api.assertProblem(Api.requestAccess(app, Api.demoLockForKari()), 502);
            demo.followServer();
            assertThat(storedUrl()).isEqualTo(gone);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                OnDemandConfig config = OnDemandConfig.findById(DemoData.PROJECT);
                config.url = own.url();
                config.followsServer = true;
            });
        }
    }
}
