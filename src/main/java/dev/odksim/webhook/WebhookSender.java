package dev.odksim.webhook;

import dev.odksim.common.OdkConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP exchange of one delivery attempt on the JDK {@link HttpClient}: POST the signed payload, never follow a
 * redirect, give up at {@code odk.webhooks.timeout} (status and the first 2 KiB of the body must arrive by then), keep
 * only those 2 KiB of the answer.
 */
@ApplicationScoped
class WebhookSender {

    static final int EXCERPT_BYTES = 2048;

    /** What one attempt got back. */
    sealed interface Result permits Answered, NoAnswer {
        long latencyMs();
    }

    /** The receiver answered with {@code status}; {@code retryAfter} is its Retry-After, or null. */
    record Answered(int status, String excerpt, Duration retryAfter, long latencyMs) implements Result {
        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    /** No HTTP answer: timeout, refused connection, TLS or I/O error. */
    record NoAnswer(String error, long latencyMs) implements Result {
    }

    private final Duration timeout;
    private final HttpClient http;

    @Inject
    WebhookSender(OdkConfig config) {
        this.timeout = config.webhooks().timeout();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    Result send(String url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "odk-sim-webhooks")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.build(), info -> new Excerpt());
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration retryAfter = RetrySchedule.retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    .orElse(null);
            return new Answered(response.statusCode(), response.body(), retryAfter, millisSince(start));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new NoAnswer("timeout: no complete answer within " + timeout.toMillis() + " ms", millisSince(start));
        } catch (ExecutionException e) {
            return new NoAnswer(describe(e.getCause()), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            return new NoAnswer("interrupted (server stopping)", millisSince(start));
        }
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "timeout: no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        if (cause instanceof IOException) {
            return "I/O error: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return "error: " + cause;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Keeps the first {@link #EXCERPT_BYTES} bytes of a body and stops reading there (a huge or endless body costs nothing more). */
    private static final class Excerpt implements HttpResponse.BodySubscriber<String> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletableFuture<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), EXCERPT_BYTES - bytes.size());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= EXCERPT_BYTES) {
                subscription.cancel();
                result.complete(text());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(text());
        }

        private String text() {
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
