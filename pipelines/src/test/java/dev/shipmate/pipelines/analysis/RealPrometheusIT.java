package dev.shipmate.pipelines.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.shipmate.config.AnalysisCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shipmate's Prometheus check against a real Prometheus: Debian's {@code prometheus} package,
 * started by the test on a free port with a temporary configuration and storage, scraping every
 * second a small target the test serves in Prometheus' exposition format. The check goes through
 * the code path the pipelines use ({@link AnalysisRun}, {@link CheckMeasurer}, {@link
 * PrometheusClient}), and passes or fails on what the target exposes.
 *
 * <p>Skipped when {@code /usr/bin/prometheus} is missing ({@code apt-get install -y prometheus}),
 * unless {@code -Dshipmate.prometheus-tests=required} (CI sets it): then its absence fails the
 * build, so that CI cannot pass without running these tests. {@code -Dshipmate.prometheus} names
 * another binary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPrometheusIT {

  static final Path PROMETHEUS =
      Path.of(System.getProperty("shipmate.prometheus", "/usr/bin/prometheus"));

  /** How long Prometheus may take to start and scrape the target for the first time. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir static Path folder;

  /** What the target exposes: {@code shipmate_http_error_ratio} of two Deployments. */
  private final AtomicReference<String> exposition =
      new AtomicReference<>(
          """
          # HELP shipmate_http_error_ratio The share of requests answered 5xx.
          # TYPE shipmate_http_error_ratio gauge
          shipmate_http_error_ratio{namespace="staging",deployment="web"} 0.002
          shipmate_http_error_ratio{namespace="staging",deployment="api"} 0.4
          shipmate_http_error_ratio{namespace="staging",deployment="idle"} NaN
          """);

  private HttpServer target;
  private Process prometheus;
  private String url;
  private final PrometheusClient client =
      new PrometheusClient(new OkHttpClient(), Duration.ofSeconds(5));
  private CheckMeasurer measurer;

  @BeforeAll
  void start() throws Exception {
    prometheusIsHere();
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    target.createContext(
        "/metrics",
        exchange -> {
          byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();

    int port = freePort();
    Path config = folder.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global: { scrape_interval: 1s, evaluation_interval: 1s }
        scrape_configs:
          - job_name: shipmate-it
            scrape_interval: 1s
            static_configs: [ { targets: [ "127.0.0.1:TARGET" ] } ]
        """
            .replace("TARGET", Integer.toString(target.getAddress().getPort())));
    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("prometheus.log").toFile())
            .start();
    url = "http://127.0.0.1:" + port;
    measurer = new CheckMeasurer(client, CloudWatchAlarms.at(java.net.URI.create(url), "x"));
    awaitSeries();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (prometheus != null) {
        prometheus.destroy();
        if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (target != null) {
        target.stop(0);
      }
    }
  }

  private void prometheusIsHere() {
    boolean present = Files.isExecutable(PROMETHEUS);
    String missing =
        "The real-Prometheus test needs Debian's prometheus ("
            + PROMETHEUS
            + "): apt-get install -y prometheus";
    if (!present && "required".equals(System.getProperty("shipmate.prometheus-tests"))) {
      fail(missing + ". It is required here (-Dshipmate.prometheus-tests=required).");
    }
    Assumptions.assumeTrue(present, missing + "; skipped.");
  }

  /** Until Prometheus answers and has scraped the target once (or it exited, or time is up). */
  private void awaitSeries() throws Exception {
    Instant end = Instant.now().plus(PATIENCE);
    String query = "max(shipmate_http_error_ratio{deployment=\"web\"})";
    Measurement last = null;
    while (Instant.now().isBefore(end)) {
      if (!prometheus.isAlive()) {
        fail("prometheus exited with " + prometheus.exitValue() + ": " + log());
      }
      last = client.query(url, query);
      if (last instanceof Measurement.Value) {
        return;
      }
      Thread.sleep(250);
    }
    fail("no series after " + PATIENCE + " (last answer " + last + "): " + log());
  }

  private String log() throws IOException {
    Path log = folder.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static AnalysisCheck errorRatio(String query) {
    return new AnalysisCheck(
        "error-ratio",
        new AnalysisCheck.Prometheus(query, Optional.of(0.01), Optional.empty()),
        Duration.ofSeconds(1),
        2,
        0,
        AnalysisCheck.Inconclusive.FAIL);
  }

  /** The check's run as a bake runs it: measured as it falls due, to its end or its failure. */
  private AnalysisRun bake(AnalysisCheck check, Map<String, String> names) throws Exception {
    Instant start = Instant.now();
    AnalysisRun run = AnalysisRun.start(List.of(check), names, start);
    while (!run.complete() && run.failed().isEmpty()) {
      run = run.measure(Instant.now(), measurer, Optional.of(url));
      Thread.sleep(run.nextIn(Instant.now()).orElse(Duration.ZERO).toMillis());
    }
    return run;
  }

  @Test
  @DisplayName("a templated query under its threshold passes every measurement")
  void passes() throws Exception {
    AnalysisRun run =
        bake(
            errorRatio(
                "max(shipmate_http_error_ratio{namespace=\"{namespace}\","
                    + " deployment=\"{service}\"})"),
            Map.of("namespace", "staging", "service", "web"));

    assertThat(run.failed()).isEmpty();
    assertThat(run.summary()).isEqualTo("error-ratio 0.002 ≤ 0.01 · 2/2 passed");
  }

  @Test
  @DisplayName("a value over the threshold fails the check, naming the value and the query")
  void fails() throws Exception {
    AnalysisRun run =
        bake(
            errorRatio("max(shipmate_http_error_ratio{deployment=\"{service}\"})"),
            Map.of("service", "api"));

    assertThat(run.failed())
        .hasValueSatisfying(
            t ->
                assertThat(t.failure())
                    .isEqualTo(
                        "error-ratio failed: 0.4 > 0.01 · 1 of 1 measurements failed, 0 allowed."
                            + " Query: max(shipmate_http_error_ratio{deployment=\"api\"})"));
  }

  @Test
  @DisplayName("what the target exposes next is what the next measurement sees")
  void followsTheTarget() throws Exception {
    String query = "sum(shipmate_http_error_ratio{deployment=\"web\"})";
    exposition.set(
        exposition.get().replace("deployment=\"web\"} 0.002", "deployment=\"web\"} 0.3"));
    try {
      Instant end = Instant.now().plus(Duration.ofSeconds(30));
      Measurement seen = client.query(url, query);
      while (!seen.equals(new Measurement.Value(0.3)) && Instant.now().isBefore(end)) {
        Thread.sleep(250);
        seen = client.query(url, query);
      }
      assertThat(seen).isEqualTo(new Measurement.Value(0.3));
    } finally {
      exposition.set(
          exposition.get().replace("deployment=\"web\"} 0.3", "deployment=\"web\"} 0.002"));
    }
  }

  @Test
  @DisplayName(
      "no series and NaN are inconclusive; several series and bad PromQL stop the check, in"
          + " Prometheus' own words")
  void answersShipmateCannotJudge() {
    assertThat(client.query(url, "max(shipmate_http_error_ratio{deployment=\"gone\"})"))
        .isEqualTo(new Measurement.Inconclusive("no data (the query returned no series)"));
    assertThat(client.query(url, "max(shipmate_http_error_ratio{deployment=\"idle\"})"))
        .isEqualTo(new Measurement.Inconclusive("no data (the query's value is NaN)"));
    assertThatThrownBy(() -> client.query(url, "shipmate_http_error_ratio"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageStartingWith("the query returned 3 series");
    assertThatThrownBy(() -> client.query(url, "max(shipmate_http_error_ratio{deployment=}"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageStartingWith("Prometheus refused the query (bad_data: ")
        .hasMessageContaining("parse error");
    assertThat(client.query(url, "scalar(max(shipmate_http_error_ratio{deployment=\"api\"}))"))
        .isEqualTo(new Measurement.Value(0.4));
  }
}
