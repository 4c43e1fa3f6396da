package dev.shipmate.pipelines.cutover;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Probes the green side's health URL: one GET, bounded by a timeout, turned into a {@link
 * HealthSample}. A refused connection, an unknown host or a timeout is a failed sample, never an
 * exception: that is exactly what the health gate is there to count.
 */
public final class ProbeClient {

  /** Well over any sensible {@code maxLatency}: a slower answer is a failure in itself. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final OkHttpClient http;
  private final Clock clock;

  public ProbeClient(OkHttpClient http, Clock clock, Duration timeout) {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    // Redirects are answers in their own right: a health URL that redirects is not healthy.
    this.http =
        http.newBuilder()
            .callTimeout(timeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
  }

  public HealthSample probe(String url) {
    Request request =
        new Request.Builder().url(url).header("User-Agent", "shipmate-cutover-probe").get().build();
    Instant sent = clock.instant();
    try (Response response = http.newCall(request).execute()) {
      // Read the body so that the latency covers the whole answer, not just its headers.
      response.body().bytes();
      return HealthSample.answered(sent, response.code(), Duration.between(sent, clock.instant()));
    } catch (IOException e) {
      return HealthSample.unanswered(sent, Duration.between(sent, clock.instant()), reason(e));
    }
  }

  private static String reason(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    if (e instanceof SSLException) {
      return "TLS failed";
    }
    return "no answer (" + e.getClass().getSimpleName() + ")";
  }
}
