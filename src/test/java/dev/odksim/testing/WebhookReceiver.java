package dev.odksim.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An integrator's webhook endpoint on the JDK HttpServer: records every request (path, headers, body) and answers each
 * with what {@code replies} says for its number (0-based); it can hang until released, be stopped and started again
 * on the same port, and tracks the most requests it had in flight at once.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A received request: the Standard Webhooks headers and the body. */
    public record Received(String path, String id, String timestamp, String signature, String body) {
    }

    /** An answer: {@code hang} blocks it until {@link #release()} (or 60 s). */
    public record Reply(int status, String body, Map<String, String> headers, boolean hang) {
        public static Reply status(int status) {
            return new Reply(status, "", Map.of(), false);
        }

        public static Reply hanging() {
            return new Reply(200, "", Map.of(), true);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int port;
    private volatile IntFunction<Reply> replies;
    private HttpServer server;

    public WebhookReceiver(IntFunction<Reply> replies) throws IOException {
        this.replies = replies;
        start(0);
        this.port = server.getAddress().getPort();
    }

    public static WebhookReceiver ok() throws IOException {
        return new WebhookReceiver(n -> Reply.status(200));
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/odk";
    }

    public void replies(IntFunction<Reply> replies) {
        this.replies = replies;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Requests whose handler has not finished (a hanging one counts until {@link #release()}). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits (polling, 30 s deadline) until {@code n} requests have arrived. */
    public void awaitReceived(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver got " + received.size() + " requests in 30 s, expected " + n);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public void release() {
        released.countDown();
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public void stop() {
        server.stop(0);
    }

    public void restart() throws IOException {
        start(port);
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n;
            synchronized (received) {
                n = received.size();
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            }
            Reply reply = replies.apply(n);
            if (reply.hang()) {
                released.await(60, TimeUnit.SECONDS);
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender gave up (timeout): nothing to answer
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
