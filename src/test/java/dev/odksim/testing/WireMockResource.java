package dev.odksim.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server for the whole Quarkus test run, started and stopped by Quarkus with the shared test application
 * (a GLOBAL test resource: it does not make Quarkus restart between test classes). A test class gets it in a field
 * marked {@link InjectWireMock} and calls {@code resetAll()} before stubbing (test classes run one after another and
 * each starts from an empty server). Its threads are sized for the concurrency tests (40 parallel decisions).
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@code WireMockServer} field to receive the shared server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWireMock {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(48));
        server.start();
        return Map.of();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
