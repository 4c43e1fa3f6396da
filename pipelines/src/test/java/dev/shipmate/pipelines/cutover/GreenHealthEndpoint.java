package dev.shipmate.pipelines.cutover;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** The green side's health URL, on the JDK's HTTP server: answers 200 until told otherwise. */
final class GreenHealthEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger probes = new AtomicInteger();

  GreenHealthEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/healthz",
        exchange -> {
          probes.incrementAndGet();
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/healthz";
  }

  /** From now on every probe gets {@code code}. */
  void answer(int code) {
    status.set(code);
  }

  int probes() {
    return probes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
