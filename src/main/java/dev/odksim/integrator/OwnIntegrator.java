package dev.odksim.integrator;

import dev.odksim.common.OdkConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where this instance's own reference integrator answers: the decision target of the demo project while it follows the
 * server ({@code OnDemandConfig.followsServer}). Resolved per instance at call time, so in a cluster each instance asks
 * its own integrator (all of them read the one shared database), and a restart on another port needs no rewrite.
 */
@ApplicationScoped
public class OwnIntegrator {

    public static final String HEADER = "X-Api-Key";

    private final OdkConfig config;

    public OwnIntegrator(OdkConfig config) {
        this.config = config;
    }

    /** The check-access URL on this instance's HTTP port. */
    public String url() {
        return url(httpPort());
    }

    public static String url(int port) {
        return "http://localhost:" + port + "/integrator/check-access";
    }

    /** The API key this instance's integrator accepts. */
    public String apiKey() {
        return config.integrator().apiKey();
    }

    /** The configured HTTP port (a random port, 0, is only known after start and cannot be used). */
    static int httpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
    }
}
