package dev.shipmate.sandbox.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prometheus' HTTP API for instant queries ({@code GET} or form {@code POST} {@code
 * /api/v1/query}), whose series follow the simulated clusters it {@link #follow follows}. Each
 * Deployment has, labelled {@code cluster}, {@code namespace} and {@code deployment}:
 *
 * <ul>
 *   <li>{@value #REQUEST_RATE}: requests per second, {@value #REQUESTS_PER_REPLICA} per ready
 *       replica;
 *   <li>{@value #ERROR_RATIO}: the share of those answered with a 5xx: {@value #BAD_ERROR_RATIO}
 *       while its pod template runs an image whose tag ends in {@value #ERRORS_SUFFIX}, else
 *       {@value #NORMAL_ERROR_RATIO}.
 * </ul>
 *
 * <p>As strict as Prometheus where it answers: a missing or malformed query is 400 with {@code
 * {"status":"error","errorType":"bad_data","error":"…"}}, another path 404, another method 405. It
 * evaluates the shapes {@link InstantQuery} reads — a selector with equality matchers, alone or in
 * {@code sum}, {@code max}, {@code min} or {@code avg} — and refuses other PromQL as bad_data
 * rather than answer it wrongly. {@code time} is ignored: every query is at the clock's now.
 */
public final class SimulatedPrometheus implements AutoCloseable {
  public static final String REQUEST_RATE = "http_request_rate";
  public static final String ERROR_RATIO = "http_error_ratio";
  public static final String ERRORS_SUFFIX = "-errors";
  public static final double REQUESTS_PER_REPLICA = 20;
  public static final double BAD_ERROR_RATIO = 0.3;
  public static final double NORMAL_ERROR_RATIO = 0.001;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();

  private SimulatedPrometheus(HttpServer server, ExecutorService executor, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.clock = clock;
  }

  /** Serves on a free port of 127.0.0.1, following no cluster yet. */
  public static SimulatedPrometheus start(Clock clock) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              2,
              runnable -> {
                Thread thread = new Thread(runnable, "sandbox-prometheus");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      SimulatedPrometheus prometheus = new SimulatedPrometheus(server, executor, clock);
      server.createContext("/", prometheus::handle);
      server.start();
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Prometheus stand-in", e);
    }
  }

  /** The base URL, as {@code prometheus.url} names it. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on the series of {@code cluster}'s Deployments carry {@code cluster="<name>"}. */
  public SimulatedPrometheus follow(String name, SimulatedCluster cluster) {
    clusters.put(name, cluster);
    return this;
  }

  /** Every series now, as a query sees them. */
  List<Series> series() {
    List<Series> all = new ArrayList<>();
    clusters.forEach(
        (name, cluster) -> {
          for (Deployment deployment :
              new TypedStore(cluster.store()).list(Deployment.class, null)) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("cluster", name);
            labels.put("namespace", deployment.getMetadata().getNamespace());
            labels.put("deployment", deployment.getMetadata().getName());
            all.add(new Series(with(labels, REQUEST_RATE), requestRate(deployment)));
            all.add(new Series(with(labels, ERROR_RATIO), errorRatio(deployment)));
          }
        });
    return all;
  }

  private static Map<String, String> with(Map<String, String> labels, String name) {
    Map<String, String> named = new LinkedHashMap<>(labels);
    named.put("__name__", name);
    return named;
  }

  private static double requestRate(Deployment deployment) {
    Integer ready =
        deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
    return REQUESTS_PER_REPLICA * (ready == null ? 0 : ready);
  }

  private static double errorRatio(Deployment deployment) {
    boolean errors =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .map(Container::getImage)
            .anyMatch(image -> image != null && image.endsWith(ERRORS_SUFFIX));
    return errors ? BAD_ERROR_RATIO : NORMAL_ERROR_RATIO;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/api/v1/query")) {
        send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
        return;
      }
      String method = exchange.getRequestMethod();
      Map<String, String> params = new LinkedHashMap<>();
      parseForm(exchange.getRequestURI().getRawQuery(), params);
      if (method.equals("POST")) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
          error(exchange, 400, "bad_data", "invalid parameter \"query\": unsupported Content-Type");
          return;
        }
        parseForm(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
      } else if (!method.equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed\n");
        return;
      }
      Optional<String> query = Optional.ofNullable(params.get("query")).filter(q -> !q.isBlank());
      if (query.isEmpty()) {
        error(
            exchange,
            400,
            "bad_data",
            "invalid parameter \"query\": 1:1: parse error: no expression found in input");
        return;
      }
      List<Series> result;
      try {
        result = InstantQuery.parse(query.get()).evaluate(series());
      } catch (InstantQuery.BadQuery e) {
        error(exchange, 400, "bad_data", "invalid parameter \"query\": " + e.getMessage());
        return;
      }
      send(exchange, 200, "application/json", vector(result));
    }
  }

  private String vector(List<Series> result) {
    double now = clock.millis() / 1000.0;
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", "success");
    ObjectNode data = answer.putObject("data");
    data.put("resultType", "vector");
    ArrayNode items = data.putArray("result");
    for (Series series : result) {
      ObjectNode item = items.addObject();
      ObjectNode metric = item.putObject("metric");
      series.labels().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(label -> metric.put(label.getKey(), label.getValue()));
      ArrayNode value = item.putArray("value");
      value.add(now);
      value.add(format(series.value()));
    }
    return answer.toString();
  }

  /** As Prometheus writes sample values: {@code 0.001}, {@code 40}, {@code NaN}, {@code +Inf}. */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", "error");
    answer.put("errorType", type);
    answer.put("error", message);
    send(exchange, status, "application/json", answer.toString());
  }

  private static void parseForm(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.putIfAbsent(key, value);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
