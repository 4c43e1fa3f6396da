package dev.shipmate.pipelines.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.prometheus.SimulatedPrometheus;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The check's client against the sandbox's Prometheus stand-in, over HTTP, whose series follow a
 * simulated cluster: a Deployment on an image tagged {@code -errors} has a high error ratio.
 */
class PrometheusClientIT {
  private static SimulatedCluster cluster;
  private static SimulatedPrometheus prometheus;
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final PrometheusClient CLIENT = new PrometheusClient(HTTP, Duration.ofSeconds(5));

  @BeforeAll
  static void start() {
    cluster = SimulatedCluster.start();
    cluster.addDeployment("staging", "web", "registry.example.com/acme/web:v1.3", 2);
    cluster.addDeployment("staging", "api", "registry.example.com/acme/api:v2-errors", 1);
    prometheus = SimulatedPrometheus.start(cluster.clock()).follow("dev", cluster);
  }

  @AfterAll
  static void stop() {
    prometheus.close();
    cluster.close();
  }

  private static String base() {
    return prometheus.url().toString();
  }

  @Test
  @DisplayName("a Deployment's error ratio follows its image: low normally, high on -errors")
  void errorRatio() {
    assertThat(
            CLIENT.query(
                base(),
                "max(http_error_ratio{cluster=\"dev\", namespace=\"staging\", deployment=\"web\"})"))
        .isEqualTo(new Measurement.Value(SimulatedPrometheus.NORMAL_ERROR_RATIO));
    assertThat(CLIENT.query(base(), "http_error_ratio{deployment='api'}"))
        .isEqualTo(new Measurement.Value(SimulatedPrometheus.BAD_ERROR_RATIO));
  }

  @Test
  @DisplayName("the request rate counts ready replicas; sum adds Deployments up")
  void requestRate() {
    assertThat(CLIENT.query(base(), "sum(http_request_rate{namespace=\"staging\"})"))
        .isEqualTo(new Measurement.Value(3 * SimulatedPrometheus.REQUESTS_PER_REPLICA));
  }

  @Test
  @DisplayName("no series is inconclusive; several series or a malformed query are refused")
  void edges() {
    assertThat(CLIENT.query(base(), "http_error_ratio{deployment=\"nope\"}"))
        .isInstanceOf(Measurement.Inconclusive.class)
        .isEqualTo(new Measurement.Inconclusive("no data (the query returned no series)"));
    assertThatThrownBy(() -> CLIENT.query(base(), "http_error_ratio{namespace=\"staging\"}"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageContaining("returned 2 series");
    assertThatThrownBy(() -> CLIENT.query(base(), "max(http_error_ratio{deployment=})"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageStartingWith("Prometheus refused the query (bad_data: invalid parameter")
        .hasMessageContaining("parse error");
  }

  @Test
  @DisplayName("a Prometheus that does not answer is inconclusive, not an exception")
  void unreachable() {
    assertThat(CLIENT.query("http://127.0.0.1:9", "up"))
        .isInstanceOf(Measurement.Inconclusive.class);
  }

  @Test
  @DisplayName("the stand-in is strict: another path is 404, a missing query 400 with bad_data")
  void strict() throws Exception {
    try (Response response =
        HTTP.newCall(new Request.Builder().url(base() + "/api/v1/query_range").build()).execute()) {
      assertThat(response.code()).isEqualTo(404);
    }
    try (Response response =
        HTTP.newCall(new Request.Builder().url(base() + "/api/v1/query").build()).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":");
    }
  }
}
