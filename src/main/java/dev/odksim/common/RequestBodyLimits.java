package dev.odksim.common;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Request body limits per class of endpoint (docs/security.md, finding 7), checked before any body is read: the admin
 * APIs take up to {@code quarkus.http.limits.max-body-size}; every other endpoint, most of them reachable without a
 * token, takes {@code odk.limits.public-body-bytes} and needs a declared {@code Content-Length}. Refusals, and the
 * server's own 413 for a chunked admin body, are problem+json like every other error.
 */
@ApplicationScoped
public class RequestBodyLimits {

    // The token-protected APIs: admin, the reference integrator's admin, and the Unloc-compatible /v2 project API (a batch
    // of thousands of keys is a normal /v2 request).
    private static final List<String> ADMIN_PREFIXES = List.of("/api/admin/", "/integrator/admin/", "/v2/projects/");

    private final int publicLimit;
    private final long adminLimit;

    RequestBodyLimits(OdkConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize adminLimit) {
        this.publicLimit = config.limits().publicBodyBytes();
        this.adminLimit = adminLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::check);
        router.route().order(Integer.MIN_VALUE + 100).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, 413, "Content Too Large", "The request body is larger than this endpoint takes");
            } else {
                ctx.next();
            }
        });
    }

    /** The limit of the endpoint class a path belongs to. */
    long limitFor(String path) {
        return ADMIN_PREFIXES.stream().anyMatch(path::startsWith) ? adminLimit : publicLimit;
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        long limit = limitFor(path);
        String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "Bad Request", "Content-Length is not a number");
                return;
            }
            if (declared > limit) {
                refuse(ctx, 413, "Content Too Large", "The request body has " + declared + " bytes; this endpoint takes at most "
                        + limit);
                return;
            }
        } else if (limit == publicLimit && ctx.request().getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null) {
            refuse(ctx, 411, "Length Required", "A request body to this endpoint must declare its Content-Length (at most "
                    + limit + " bytes)");
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(new Problem("about:blank", title, status, detail, null, null)));
    }
}
