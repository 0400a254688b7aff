package dev.odksim.load;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decision endpoint with a known latency, on the JDK's HTTP server: every answer takes {@code delayMs} (the injected
 * latency the load figures are checked against) and grants the pair asked about, or answers {@code status} with no
 * body. {@code threads} bounds how many calls it serves at once, so its capacity is threads * 1000 / delayMs calls/s.
 */
final class DelayedEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    final AtomicInteger calls = new AtomicInteger();

    DelayedEndpoint(long delayMs, int threads, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        executor = threads <= 0 ? Executors.newCachedThreadPool() : Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/check-access", exchange -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, String> q = new HashMap<>();
            for (String part : exchange.getRequestURI().getRawQuery().split("&")) {
                int eq = part.indexOf('=');
                q.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
            byte[] body = ("{\"lockId\":\"" + q.get("lockId") + "\",\"appUserId\":\"" + q.get("appUserId") + "\",\"hasAccess\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/check-access";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
