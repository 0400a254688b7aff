package dev.odksim.common;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The simulator serves no cross-origin requests (no CORS), so {@code OPTIONS} has nothing to say: a 405 problem for
 * every path. Answered with 200 for any path it counted every made-up path as its own request-metrics URI
 * (docs/security.md, finding 5); as a 4xx without a route template it is counted under one tag.
 */
@ApplicationScoped
public class OptionsRequests {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 50).method(HttpMethod.OPTIONS).handler(ctx -> ctx.response()
                .setStatusCode(405).putHeader("Allow", "GET, HEAD, POST, PUT, DELETE")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem("about:blank", "Method Not Allowed", 405,
                        "OPTIONS is not served: this server answers no cross-origin requests", null, null))));
    }
}
