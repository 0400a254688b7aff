package dev.odksim.decision;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.testing.WireMockResource;
import dev.odksim.testing.WireMockResource.InjectWireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.junit.jupiter.api.TestInstance;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protection of docs/design.md §6.5: a per-project circuit breaker that opens and recovers, other projects unaffected,
 * a per-project concurrency limit, and one integrator call and one key for parallel requests of one user and lock.
 */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionProtectionTest {

    @InjectWireMock
    WireMockServer wiremock;

    @BeforeAll
    void start() {
        wiremock.resetAll();
        // A grant for whatever lock is asked: the body echoes the query.
        wiremock.stubFor(get(urlPathEqualTo("/healthy")).willReturn(grant()));
    }


    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder grant() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"lockId\":\"{{request.query.lockId}}\",\"appUserId\":\"{{request.query.appUserId}}\",\"hasAccess\":true}")
                .withTransformers("response-template");
    }

    private String url(String path) {
        return "http://localhost:" + wiremock.port() + path;
    }

    /**
     * The breaker's delay is real time (SmallRye keeps its own clock): 2 s is long enough that the checks made while
     * the circuit is open cannot outlive it on a loaded 2-core machine, and short enough for the recovery poll.
     */
    @Test
    void circuitOpensAfterRepeatedFailuresSparesOtherProjectsAndClosesAgain() throws InterruptedException {
        wiremock.stubFor(get(urlPathEqualTo("/flaky")).willReturn(aResponse().withStatus(500)));
        String failing = Api.projectCalling(url("/flaky"), Map.of("circuitBreakerFailures", 3, "circuitBreakerDelayMs", 2000));
        String healthy = Api.projectCalling(url("/healthy"), Map.of("circuitBreakerFailures", 3, "circuitBreakerDelayMs", 2000));
        String lock = Api.newLock(failing);
        String app = Api.login(KARI);

        for (int i = 0; i < 3; i++) {
            assertThat(Api.requestAccess(app, lock).<String>path("reason")).isEqualTo("HTTP_STATUS");
        }
        Response open = Api.assertProblem(Api.requestAccess(app, lock), 503);
        assertThat(open.<String>path("reason")).isEqualTo("CIRCUIT_OPEN");
        assertThat(open.<String>path("detail")).contains("the last 3 calls");
        assertThat(Integer.parseInt(open.header("Retry-After"))).isBetween(1, 2);
        wiremock.verify(3, getRequestedFor(urlPathEqualTo("/flaky")));
        assertThat(Api.decisions(failing).get(0)).containsEntry("outcome", "CIRCUIT_OPEN").containsEntry("httpStatus", null);
        assertThat(Api.keys(failing, lock)).isEmpty();

        // Another project's integrator is called as usual while this circuit is open.
        Response other = Api.requestAccess(app, Api.newLock(healthy));
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(201);

        // The integrator recovers; after the delay one trial call closes the circuit.
        wiremock.stubFor(get(urlPathEqualTo("/flaky")).willReturn(grant()));
        Response recovered = pollUntilNot503(() -> Api.requestAccess(app, lock));
        assertThat(recovered.statusCode()).as(recovered.asString()).isEqualTo(201);
        wiremock.verify(4, getRequestedFor(urlPathEqualTo("/flaky")));
        assertThat(Api.keys(failing, lock)).hasSize(1);
    }

    @Test
    void rulesBrokenByAnAnswerDoNotOpenTheCircuit() {
        wiremock.stubFor(get(urlPathEqualTo("/invalid")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        String project = Api.projectCalling(url("/invalid"), Map.of("circuitBreakerFailures", 2));
        String lock = Api.newLock(project);
        String app = Api.login(KARI);
        for (int i = 0; i < 4; i++) {
            assertThat(Api.requestAccess(app, lock).<String>path("reason")).isEqualTo("INVALID_RESPONSE");
        }
    }

    @Test
    void twentyParallelRequestsGiveOneCallAndOneKey() throws Exception {
        wiremock.stubFor(get(urlPathEqualTo("/slow-grant")).willReturn(grant().withFixedDelay(600)));
        String project = Api.projectCalling(url("/slow-grant"), Map.of());
        String lock = Api.newLock(project);
        String app = Api.login(KARI);

        List<Response> responses = parallel(20, () -> Api.requestAccess(app, lock));

        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/slow-grant")));
        assertThat(Api.keys(project, lock)).hasSize(1);
        String keyId = (String) Api.keys(project, lock).get(0).get("id");
        for (Response response : responses) {
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 201);
            assertThat(response.<String>path("key.id")).isEqualTo(keyId);
        }
        assertThat(Api.decisions(project)).hasSize(1);
    }

    @Test
    void concurrencyLimitRejectsWhatDoesNotFitWithoutCallingTheIntegrator() throws Exception {
        wiremock.stubFor(get(urlPathEqualTo("/narrow")).willReturn(grant().withFixedDelay(400)));
        String project = Api.projectCalling(url("/narrow"), Map.of("maxConcurrent", 1));
        String app = Api.login(KARI);
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            locks.add(Api.newLock(project));
        }
        List<Callable<Response>> calls = locks.stream().<Callable<Response>>map(l -> () -> Api.requestAccess(app, l)).toList();

        List<Response> responses = parallel(calls);

        long rejected = responses.stream().filter(r -> r.statusCode() == 503).count();
        for (Response response : responses) {
            if (response.statusCode() == 503) {
                assertThat(response.<String>path("reason")).isEqualTo("CONCURRENCY_LIMIT");
            } else {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            }
        }
        // 1 call in flight + 4 waiting: at least 5 of 10 simultaneous requests do not fit.
        assertThat(rejected).isGreaterThanOrEqualTo(1);
        wiremock.verify((int) (10 - rejected), getRequestedFor(urlPathEqualTo("/narrow")));
    }

    private List<Response> parallel(int n, Callable<Response> call) throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return parallel(calls);
    }

    /** Runs the calls at once (released together by a latch) and returns their responses. */
    private List<Response> parallel(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Real time must pass for the breaker's delay: a bounded poll for the condition, not a sleep as synchronisation. */
    private Response pollUntilNot503(Callable<Response> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = call.call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (last.statusCode() != 503) {
                return last;
            }
            assertThat(last.<String>path("reason")).isEqualTo("CIRCUIT_OPEN");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the circuit did not close within 10 s: " + (last == null ? "" : last.asString()));
    }
}
