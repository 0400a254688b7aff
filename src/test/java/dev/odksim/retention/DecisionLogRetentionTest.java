package dev.odksim.retention;

import dev.odksim.testing.Api;
import dev.odksim.testing.Worker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision log's retention bound is kept off the request path (issue 14): an access request records its decision
 * with one insert and issues no retention query; the retention job later deletes what is past the bound, and the
 * admin listing never shows more than the bound meanwhile.
 */
@QuarkusTest
class DecisionLogRetentionTest {

    @Inject
    SessionFactory sessionFactory;
    @Inject
    EntityManager em;
    @Inject
    RetentionJob retention;

    @Test
    void theRequestPathIssuesNoRetentionQueryAndTheJobKeepsTheBound() {
        String integrator = "http://localhost:" + RestAssured.port + "/integrator/check-access";
        String project = Api.projectCalling(integrator, Map.of("decisionRetention", 2,
                "auth", Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "demo-integrator-key")));
        Worker worker = Worker.withTaskAtNewDemoLock();
        String granted = Api.login(worker.phone());
        String denied = Api.login(Api.OLA);
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            locks.add(Api.newLock(project));
        }

        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        Api.requestAccess(granted, worker.lock()).then().statusCode(201);
        List<String> decisionIds = new ArrayList<>();
        for (String lock : locks) {
            decisionIds.add(Api.assertProblem(Api.requestAccess(denied, lock), 403).path("decisionId"));
        }
        List<String> queries = Arrays.stream(stats.getQueries()).map(q -> q.toLowerCase(Locale.ROOT)).toList();
        assertThat(queries).as("the queries of five access requests").isNotEmpty()
                .noneMatch(q -> q.contains("decision") && (q.contains("delete") || q.contains("order by")));
        assertThat(queries).noneMatch(q -> q.startsWith("delete"));

        assertThat(Api.decisions(project)).as("the listing shows the bound before the job ran")
                .extracting(d -> d.get("id")).containsExactly(decisionIds.get(3), decisionIds.get(2));
        assertThat(stored(project)).as("not yet deleted").isEqualTo(4);

        assertThat(retention.pruneDecisionLogs()).isGreaterThanOrEqualTo(2);
        assertThat(stored(project)).isEqualTo(2);
        assertThat(Api.decisions(project)).extracting(d -> d.get("id")).containsExactly(decisionIds.get(3), decisionIds.get(2));
    }

    private long stored(String project) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select count(d) from Decision d where d.projectId = :p", Long.class)
                .setParameter("p", project).getSingleResult());
    }
}
