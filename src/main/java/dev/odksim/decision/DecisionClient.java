package dev.odksim.decision;

import dev.odksim.decision.DecisionResult.Failed;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbound HTTP call to an integrator, exactly as DESIGN.md §6.3 describes it: GET, RFC 3986 query encoding
 * ({@code +} as {@code %2B}), {@code Accept: application/json}, a User-Agent and request id, the auth header, no
 * redirects, a connect timeout and one total deadline that covers headers and body, and a capped body.
 *
 * <p>Built on the JDK's {@link HttpClient} rather than a declarative REST client: every project has its own URL,
 * auth and timeouts held in the database, and the caller must see the raw status, headers and bytes to judge them.
 */
@ApplicationScoped
public class DecisionClient {

    public static final String USER_AGENT = "odk-sim/0.1 (On Demand Keys simulator)";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** One client per connect timeout: the JDK client fixes its connect timeout at build time. */
    private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

    /** What to call. Headers are sent in order; {@code secretHeaders} names those whose values are masked in records. */
    public record Call(String baseUrl, String lockId, String appUserId, Map<String, String> headers,
                       int connectTimeoutMs, int timeoutMs, int maxBodyBytes) {
    }

    /** What came back: a response to judge, or a transport failure that is already a decision. */
    public sealed interface Reply {
        long latencyMs();
    }

    public record Response(int status, String contentType, String location, byte[] body, long latencyMs) implements Reply {
    }

    public record Failure(Failed failure, long latencyMs) implements Reply {
    }

    /** The exact URL the call goes to. */
    public static String url(Call call) {
        return call.baseUrl() + "?lockId=" + encode(call.lockId()) + "&appUserId=" + encode(call.appUserId());
    }

    /** RFC 3986 percent-encoding of a query value: only unreserved characters stay literal, so {@code +} is {@code %2B}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    public Reply call(Call call) {
        return call(call, url(call));
    }

    /**
     * Sends {@code call} to {@code exactUrl} as given, instead of the URL built from its lock and user. Only the
     * conformance suite uses it, to send what a careless caller would (a raw {@code +}) and see what the endpoint does.
     */
    public Reply call(Call call, String exactUrl) {
        long started = System.nanoTime();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(exactUrl)).GET()
                    .timeout(Duration.ofMillis(call.timeoutMs()))
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT);
            call.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            return new Failure(new Failed(Outcome.CONNECT_ERROR, "the configured URL or a header is not usable: " + e.getMessage()), 0);
        }
        HttpClient client = clients.computeIfAbsent(call.connectTimeoutMs(), ms -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(ms))
                .build());
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), info -> new CappedBody(call.maxBodyBytes()));
        try {
            HttpResponse<byte[]> response = pending.get(call.timeoutMs(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null), response.body(), elapsed(started));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return failure(Outcome.TIMEOUT, "no complete response within the total timeout of " + call.timeoutMs() + " ms", started);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return failure(Outcome.CONNECT_ERROR, "the call was interrupted", started);
        } catch (ExecutionException e) {
            return classify(e.getCause(), call, started);
        }
    }

    private static Reply classify(Throwable cause, Call call, long started) {
        if (cause instanceof BodyTooLarge) {
            return failure(Outcome.BODY_TOO_LARGE, "response body exceeds " + call.maxBodyBytes() + " bytes", started);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return failure(Outcome.TIMEOUT, "connect timed out after " + call.connectTimeoutMs() + " ms", started);
        }
        if (cause instanceof HttpTimeoutException) {
            return failure(Outcome.TIMEOUT, "no response headers within the total timeout of " + call.timeoutMs() + " ms", started);
        }
        if (cause instanceof ConnectException) {
            return failure(Outcome.CONNECT_ERROR, "connection refused or unreachable: " + URI.create(call.baseUrl()).getAuthority(), started);
        }
        if (cause instanceof IOException) {
            return failure(Outcome.CONNECT_ERROR, "connection failed while exchanging the request: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), started);
        }
        return failure(Outcome.CONNECT_ERROR, "the call failed: " + cause, started);
    }

    private static Failure failure(Outcome outcome, String reason, long started) {
        return new Failure(new Failed(outcome, reason), elapsed(started));
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large", null);
        }
    }

    /** Collects the body, failing as soon as it passes the cap instead of buffering an unbounded answer. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /** The headers as recorded: values of secret headers masked. */
    public static Map<String, String> masked(Map<String, String> headers, java.util.Set<String> secretHeaders) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Accept", "application/json");
        out.put("User-Agent", USER_AGENT);
        headers.forEach((name, value) -> out.put(name, secretHeaders.contains(name) ? dev.odksim.common.Secrets.mask(value) : value));
        return out;
    }
}
