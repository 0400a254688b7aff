package dev.odksim.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP "integrator" on the loopback interface for the failures WireMock cannot fake at the byte level: a
 * response that never starts, a body dribbled byte by byte, a connection reset in the middle of the body, and a
 * listener whose accept queue is full so a connect times out.
 */
public final class RawHttpServer implements AutoCloseable {

    /** What the server does with one accepted connection (after reading the request head). */
    public enum Behaviour { SILENT, DRIBBLE, RESET_MID_BODY, FULL_BACKLOG }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> held = new ArrayList<>();
    private volatile boolean closed;

    public RawHttpServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        if (behaviour == Behaviour.FULL_BACKLOG) {
            fillBacklog();
        } else {
            Thread acceptor = new Thread(this::accept, "raw-http-" + behaviour);
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Request heads read so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * Never accepts, and opens connections until the kernel's accept queue (backlog 1) is full: from then on Linux
     * drops the SYN of every new connection, so a client's connect times out. Unlike a non-routable address this
     * is deterministic in a sandbox without a network and sends nothing off the machine.
     */
    private void fillBacklog() throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 200);
                held.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled up; connect timeouts cannot be simulated here");
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                synchronized (held) {
                    held.add(socket);
                }
                Thread worker = new Thread(() -> serve(socket), "raw-http-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            readHead(socket.getInputStream());
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case SILENT -> socket.getInputStream().read(); // holds the connection until the client gives up
                case DRIBBLE -> {
                    out.write(head(10_000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < 10_000 && !closed; i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(50); // the fault itself: a server that trickles its body
                    }
                }
                case RESET_MID_BODY -> {
                    out.write(head(1000).getBytes(StandardCharsets.US_ASCII));
                    out.write("{\"lockId\":\"".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                }
                default -> {
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up: expected for every behaviour here
        }
    }

    private static String head(int contentLength) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
