package dev.odksim.decision;

import dev.odksim.decision.DecisionResult.Failed;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP transport of every outbound call (the integrator's decision endpoint and an OAuth2 token endpoint): no
 * redirects, a connect timeout, ONE total deadline covering connect, headers and body, and a capped body. Every
 * transport failure comes back as a {@link Failure} with a precise reason, never as an exception.
 *
 * <p>Built on the JDK's {@link HttpClient} rather than a declarative REST client: every project has its own URL,
 * auth and timeouts held in the database, and the caller must see the raw status, headers and bytes to judge them.
 */
@ApplicationScoped
public class DecisionTransport {

    public static final String USER_AGENT = "odk-sim/0.1 (On Demand Keys simulator)";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** One client per connect timeout: the JDK client fixes its connect timeout at build time. */
    private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * One HTTP request to send. {@code body} is null for GET. {@code timeoutMs} is what this request may take;
     * {@code budgetMs} is the whole exchange's timeout that messages name (larger when a token fetch or an earlier
     * attempt already used part of it).
     */
    public record Outbound(String method, URI uri, Map<String, String> headers, byte[] body,
                           int connectTimeoutMs, int timeoutMs, int budgetMs, int maxBodyBytes) {

        public Outbound(String method, URI uri, Map<String, String> headers, byte[] body, int connectTimeoutMs, int timeoutMs,
                        int maxBodyBytes) {
            this(method, uri, headers, body, connectTimeoutMs, timeoutMs, timeoutMs, maxBodyBytes);
        }
    }

    /** What came back: a response to judge, or a transport failure that is already a decision. */
    public sealed interface Reply {
        long latencyMs();
    }

    /** A complete response. Header names are lower case. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, long latencyMs) implements Reply {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public String contentType() {
            return header("content-type").orElse(null);
        }

        public String location() {
            return header("location").orElse(null);
        }
    }

    public record Failure(Failed failure, long latencyMs) implements Reply {
    }

    public Reply send(Outbound out) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(out.uri())
                    .timeout(Duration.ofMillis(out.timeoutMs()));
            if (out.body() == null) {
                builder.method(out.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.method(out.method(), HttpRequest.BodyPublishers.ofByteArray(out.body()));
            }
            out.headers().forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return failure(Outcome.CONNECT_ERROR, "the URL or a header is not usable: " + e.getMessage(), started);
        }
        HttpClient client = clients.computeIfAbsent(out.connectTimeoutMs(), ms -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(ms))
                .build());
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> {
            CappedBody capped = new CappedBody(out.maxBodyBytes());
            body.set(capped);
            return capped;
        });
        try {
            HttpResponse<byte[]> response = pending.get(out.timeoutMs(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), lowerCase(response.headers().map()), response.body(), elapsed(started));
        } catch (TimeoutException e) {
            pending.cancel(true);
            CappedBody partial = body.get();
            return failure(Outcome.TIMEOUT, partial == null
                    ? "no response headers within the total timeout of " + out.budgetMs() + " ms"
                    : "response headers arrived but the body was not complete within the total timeout of " + out.budgetMs()
                    + " ms (" + partial.received() + " bytes received)", started);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return failure(Outcome.CONNECT_ERROR, "the call was interrupted", started);
        } catch (ExecutionException e) {
            return classify(e.getCause(), out, body.get(), started);
        }
    }

    private static Reply classify(Throwable cause, Outbound out, CappedBody partial, long started) {
        if (cause instanceof BodyTooLarge) {
            return failure(Outcome.BODY_TOO_LARGE, "response body exceeds the cap of " + out.maxBodyBytes() + " bytes", started);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return failure(Outcome.TIMEOUT, "connect timed out after " + out.connectTimeoutMs() + " ms (" + out.uri().getAuthority() + ")", started);
        }
        if (cause instanceof HttpTimeoutException) {
            return failure(Outcome.TIMEOUT, "no response headers within the total timeout of " + out.budgetMs() + " ms", started);
        }
        if (cause instanceof ConnectException) {
            return failure(Outcome.CONNECT_ERROR, "connection refused or unreachable: " + out.uri().getAuthority(), started);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof IOException && partial != null) {
            return failure(Outcome.CONNECT_ERROR, "connection broken while reading the response body after "
                    + partial.received() + " bytes: " + message, started);
        }
        if (cause instanceof IOException) {
            return failure(Outcome.CONNECT_ERROR, "connection failed before a response arrived: " + message, started);
        }
        return failure(Outcome.CONNECT_ERROR, "the call failed: " + cause, started);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        headers.forEach((name, values) -> out.merge(name.toLowerCase(Locale.ROOT), values, (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        return out;
    }

    private static Failure failure(Outcome outcome, String reason, long started) {
        return new Failure(new Failed(outcome, reason), elapsed(started));
    }

    static long elapsed(long started) {
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
        private volatile int received;
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        int received() {
            return received;
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
                received = bytes.size();
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
}
