package dev.shipmate.pipelines.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The probe against WireMock standing in for the green side's health endpoint. */
class ProbeClientIT {
  /**
   * Generous, so that a loaded machine's slow answer is not taken for a timeout; the timeout test
   * has a probe of its own with a short one.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

  private static WireMockServer green;
  private static OkHttpClient http;
  private ProbeClient probes;

  @BeforeAll
  static void start() {
    green = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    green.start();
    http = new OkHttpClient();
  }

  @AfterAll
  static void stop() {
    green.stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @BeforeEach
  void reset() {
    green.resetAll();
    probes = new ProbeClient(http, Clock.systemUTC(), TIMEOUT);
  }

  private String url(String path) {
    return green.baseUrl() + path;
  }

  @Test
  @DisplayName("a 200 is a successful sample with its status and latency")
  void ok() {
    green.stubFor(get("/healthz").willReturn(aResponse().withStatus(200).withBody("ok")));

    HealthSample sample = probes.probe(url("/healthz"));

    assertThat(sample.success()).isTrue();
    assertThat(sample.status()).isEqualTo(200);
    assertThat(sample.error()).isEmpty();
    assertThat(sample.latency().isNegative()).isFalse();
    green.verify(getRequestedFor(urlEqualTo("/healthz")));
  }

  @Test
  @DisplayName("a 500 is a failed sample, not an exception")
  void serverError() {
    green.stubFor(get("/healthz").willReturn(aResponse().withStatus(500).withBody("boom")));

    HealthSample sample = probes.probe(url("/healthz"));

    assertThat(sample.success()).isFalse();
    assertThat(sample.outcome()).isEqualTo("500");
  }

  @Test
  @DisplayName("a redirect is not followed, and fails the sample")
  void redirect() {
    green.stubFor(
        get("/healthz")
            .willReturn(aResponse().withStatus(302).withHeader("Location", url("/login"))));
    green.stubFor(get("/login").willReturn(aResponse().withStatus(200)));

    HealthSample sample = probes.probe(url("/healthz"));

    assertThat(sample.status()).isEqualTo(302);
    assertThat(sample.success()).isFalse();
  }

  @Test
  @DisplayName(
      "a slow answer within the timeout succeeds, and its latency fails the gate's maxLatency")
  void slowAnswer() {
    green.stubFor(get("/healthz").willReturn(aResponse().withStatus(200).withFixedDelay(300)));
    HealthGate gate = new HealthGate(0.99, Optional.of(Duration.ofMillis(100)), 3);
    HealthWindow window = HealthWindow.empty(Duration.ofMinutes(5), Clock.systemUTC().instant());

    for (int i = 0; i < 3; i++) {
      HealthSample sample = probes.probe(url("/healthz"));
      assertThat(sample.success()).isTrue();
      assertThat(sample.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      window = window.add(sample, sample.at());
    }

    assertThat(gate.judge(window))
        .isInstanceOfSatisfying(
            HealthVerdict.Unhealthy.class,
            u -> assertThat(u.rule()).isEqualTo(HealthVerdict.HealthRule.MAX_LATENCY));
  }

  @Test
  @DisplayName("an answer slower than the timeout is a failed sample: timed out")
  void timeout() {
    green.stubFor(get("/healthz").willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
    ProbeClient impatient = new ProbeClient(http, Clock.systemUTC(), SHORT_TIMEOUT);

    HealthSample sample = impatient.probe(url("/healthz"));

    assertThat(sample.success()).isFalse();
    assertThat(sample.status()).isZero();
    assertThat(sample.error()).contains("timed out");
  }

  @Test
  @DisplayName("a refused connection is a failed sample: connection refused")
  void connectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    HealthSample sample = probes.probe("http://127.0.0.1:" + closedPort + "/healthz");

    assertThat(sample.success()).isFalse();
    assertThat(sample.error()).contains("connection refused");
  }
}
