package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's API server: plain HTTP on a local port, speaking the Kubernetes REST
 * protocol well enough for fabric8 and kubectl. It holds no state of its own; the {@link
 * ObjectStore} does.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Vertx vertx;
  private final ObjectStore store;
  private final ResourceEndpoint resources;
  private final DiscoveryDocuments discovery;
  private final WatchStream watches;
  private final Supplier<ObjectNode> versionInfo;
  private final TableRenderer tables;
  private final RequestCounts counts = new RequestCounts();
  private HttpServer server;
  private URI url;
  private volatile Duration delay = Duration.ZERO;

  /**
   * @param versionInfo what {@code /version} answers: moves when a simulated upgrade moves the
   *     control plane
   */
  public ApiServer(ObjectStore store, EvictionPolicy evictions, Supplier<ObjectNode> versionInfo) {
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
    this.store = store;
    this.resources = new ResourceEndpoint(store, evictions);
    this.discovery = new DiscoveryDocuments(store.types());
    this.versionInfo = versionInfo;
    this.tables = new TableRenderer(store.clock());
    this.watches = new WatchStream(vertx, store, tables);
  }

  /** Starts listening; port 0 picks a free one. */
  public URI start(String host, int port) {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the simulated API server cannot listen on " + host + ":" + port, e);
    }
    url = URI.create("http://" + host + ":" + server.actualPort());
    return url;
  }

  public URI url() {
    return url;
  }

  /** What clients have asked of this server so far, by verb and resource. */
  public RequestCounts counts() {
    return counts;
  }

  /**
   * Every request from now on is answered {@code delay} late, as an API server under load or far
   * away answers: for tests of what must not wait on Kubernetes. Zero (the default) answers at
   * once.
   */
  public void setDelay(Duration delay) {
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  @Override
  public void close() {
    watches.closeAll();
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the simulated API server did not stop cleanly", e);
    }
  }

  private void handle(HttpServerRequest request) {
    long millis = delay.toMillis();
    if (millis <= 0) {
      handleNow(request);
      return;
    }
    // Held, body and all, until the delay has passed; then handled as if it had just arrived.
    request.pause();
    vertx.setTimer(
        millis,
        timer -> {
          handleNow(request);
          request.resume();
        });
  }

  private void handleNow(HttpServerRequest request) {
    try {
      String path = request.path();
      if (List.of("/healthz", "/livez", "/readyz").contains(path)) {
        request.response().putHeader("Content-Type", "text/plain").end("ok");
        return;
      }
      if (path.equals("/version") || path.equals("/version/")) {
        send(request, ApiResponse.ok(versionInfo.get()));
        return;
      }
      Optional<ObjectNode> document = discovery.document(path, url.getHost() + ":" + url.getPort());
      if (document.isPresent()) {
        send(request, ApiResponse.ok(document.get()));
        return;
      }
      RequestTarget target = RequestTarget.parse(path, store.types());
      if (request.method().name().equals("GET") && WatchStream.isWatch(request)) {
        counts.request("watch", target.type().groupResource());
        watches.open(request, target);
        return;
      }
      request
          .body()
          .onSuccess(body -> respond(request, target, body.toString()))
          .onFailure(e -> fail(request, ApiException.badRequest("cannot read the request body")));
    } catch (ApiException e) {
      fail(request, e);
    } catch (RuntimeException e) {
      log.error("the simulated API server failed on {} {}", request.method(), request.uri(), e);
      fail(request, ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  private void respond(HttpServerRequest request, RequestTarget target, String body) {
    try {
      ApiRequest apiRequest =
          new ApiRequest(
              request.method().name(),
              target,
              params(request),
              request.getHeader("Content-Type"),
              request.getHeader("Accept"),
              body);
      ApiResponse response = resources.handle(apiRequest);
      count(apiRequest, response);
      if (apiRequest.wantsTable() && apiRequest.method().equals("GET") && response.body() != null) {
        Optional<JsonNode> table = tables.render(target.type(), response.body());
        if (table.isPresent()) {
          response = response.withBody(table.get());
        }
      }
      send(request, response);
    } catch (ApiException e) {
      fail(request, e);
    } catch (RuntimeException e) {
      log.error("the simulated API server failed on {} {}", request.method(), request.uri(), e);
      fail(request, ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  /** As the audit log names it: a GET of a collection is a list, of one object a get. */
  private void count(ApiRequest request, ApiResponse response) {
    RequestTarget target = request.target();
    String resource =
        target.type().groupResource()
            + (target.subresource() == null ? "" : "/" + target.subresource());
    String verb =
        switch (request.method()) {
          case "GET" -> target.isCollection() ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
    counts.request(verb, resource);
    if (verb.equals("list") && response.body() != null) {
      counts.listed(resource, response.body().path("items").size());
    }
  }

  private static Map<String, List<String>> params(HttpServerRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : request.params()) {
      params.computeIfAbsent(entry.getKey(), ignored -> new ArrayList<>()).add(entry.getValue());
    }
    return params;
  }

  private static void send(HttpServerRequest request, ApiResponse response) {
    if (response.text() != null) {
      request
          .response()
          .setStatusCode(response.code())
          .putHeader("Content-Type", "text/plain")
          .end(response.text());
      return;
    }
    request
        .response()
        .setStatusCode(response.code())
        .putHeader("Content-Type", "application/json")
        .end(Json.write(response.body()));
  }

  private static void fail(HttpServerRequest request, ApiException error) {
    if (request.response().ended()) {
      return;
    }
    request
        .response()
        .setStatusCode(error.code())
        .putHeader("Content-Type", "application/json")
        .end(Json.write(error.toStatus()));
  }
}
