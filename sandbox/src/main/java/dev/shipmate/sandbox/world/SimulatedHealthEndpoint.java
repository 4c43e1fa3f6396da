package dev.shipmate.sandbox.world;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The green stack's health endpoint of the example cutover ({@code GET /healthz}), as a load
 * balancer in front of it would answer: 200 while it is healthy (from the start), 503 once {@link
 * #fail} is called, until {@link #heal}. A cutover baking against it goes on, or reverts.
 */
public final class SimulatedHealthEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private volatile boolean healthy = true;

  private SimulatedHealthEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves on a free port of 127.0.0.1, healthy. */
  public static SimulatedHealthEndpoint start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "sandbox-green-health");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      SimulatedHealthEndpoint endpoint = new SimulatedHealthEndpoint(server, executor);
      server.createContext("/healthz", endpoint::handle);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the green health endpoint", e);
    }
  }

  /** The URL a cutover's {@code health.url} names. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/healthz");
  }

  public boolean healthy() {
    return healthy;
  }

  /** From now on every request gets 503. */
  public void fail() {
    healthy = false;
  }

  /** From now on every request gets 200 again. */
  public void heal() {
    healthy = true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean up = healthy;
      byte[] body = (up ? "ok\n" : "unhealthy\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(up ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
