package dev.shipmate.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local HTTP endpoint for every AWS stand-in, as {@code AWS_ENDPOINT_URL} expects: each request
 * goes to the first {@link AwsApi} that accepts it. SigV4 signatures are not checked.
 */
public final class AwsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AwsServer.class);

  private final List<AwsApi> apis;
  private final HttpServer server;
  private final ExecutorService executor;

  public AwsServer(String host, int port, List<AwsApi> apis) {
    this.apis = List.copyOf(apis);
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("the AWS stand-in cannot listen on " + host + ":" + port, e);
    }
    this.executor = Executors.newFixedThreadPool(2, daemon("sandbox-aws"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      AwsRequest request = read(exchange);
      AwsResponse response =
          apis.stream()
              .filter(api -> api.accepts(request))
              .findFirst()
              .map(api -> api.handle(request))
              .orElseGet(
                  () ->
                      AwsResponse.xml(
                          400,
                          Xml.document("ErrorResponse", null)
                              .start("Error")
                              .element("Code", "UnknownOperationException")
                              .element(
                                  "Message",
                                  "The sandbox simulates no AWS operation at "
                                      + request.method()
                                      + " "
                                      + request.path())
                              .toString()));
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (RuntimeException e) {
      log.error("the AWS stand-in failed on {}", exchange.getRequestURI(), e);
      throw e;
    }
  }

  private static AwsRequest read(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    URI uri = exchange.getRequestURI();
    return new AwsRequest(
        exchange.getRequestMethod(),
        uri.getPath(),
        AwsRequest.parseForm(uri.getRawQuery()),
        headers,
        exchange.getRequestBody().readAllBytes());
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
