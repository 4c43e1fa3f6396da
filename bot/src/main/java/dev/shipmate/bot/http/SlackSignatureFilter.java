package dev.shipmate.bot.http;

import dev.shipmate.bot.metrics.SignatureFailures;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's v0 signature of a request before Bolt sees it: {@code X-Slack-Signature} must be
 * {@code v0=} and the HMAC-SHA256, under the signing secret, of {@code v0:<timestamp>:<body>}, and
 * {@code X-Slack-Request-Timestamp} no more than five minutes away from now, either way. Bolt
 * checks the same, but compares the signatures with {@code String.equals}, whose time depends on
 * how much of a forged signature is right (here: {@link MessageDigest#isEqual}, in constant time),
 * and accepts any timestamp ahead of its clock, so that a request signed ahead of time (or captured
 * from a sender with a fast clock) could be replayed for as long as its timestamp stays ahead.
 * Every refusal is answered 401 as Bolt answers it, counted and logged rate-limited ({@link
 * SignatureFailures}).
 *
 * <p>Behind {@link BodyLimitFilter}, which has read the body into memory: reading it here leaves it
 * for Bolt to read again.
 */
final class SlackSignatureFilter implements Filter {
  static final String SIGNATURE_HEADER = "X-Slack-Signature";
  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  private static final String VERSION = "v0";
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;
  private final Clock clock;
  private final Duration skew;
  private final SignatureFailures failures;

  SlackSignatureFilter(
      String signingSecret, Clock clock, Duration skew, SignatureFailures failures) {
    this.secret =
        Objects.requireNonNull(signingSecret, "signingSecret").getBytes(StandardCharsets.UTF_8);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.skew = Objects.requireNonNull(skew, "skew");
    this.failures = Objects.requireNonNull(failures, "failures");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!"POST".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String problem = problem(http);
    if (problem != null) {
      failures.refused(problem);
      HttpServletResponse answer = (HttpServletResponse) response;
      answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      answer.setContentType("application/json");
      answer.getWriter().write("{\"error\":\"invalid request\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /** What is wrong with the request's signature, or null when it is Slack's. */
  private String problem(HttpServletRequest request) throws IOException {
    String timestamp = request.getHeader(TIMESTAMP_HEADER);
    String signature = request.getHeader(SIGNATURE_HEADER);
    if (secret.length == 0) {
      return "no signing secret is configured";
    }
    if (timestamp == null || signature == null) {
      return "no signature or timestamp header";
    }
    String late = timestampProblem(timestamp, clock.instant(), skew);
    if (late != null) {
      return late;
    }
    byte[] body = request.getInputStream().readAllBytes();
    byte[] expected = expected(timestamp.strip(), body);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      return "a wrong signature";
    }
    return null;
  }

  /**
   * What is wrong with a request stamped {@code epochSeconds} at {@code now}, or null: it must be a
   * number of seconds no further than {@code skew} from now, either way. The header is the sender's
   * text: the answer never repeats it.
   */
  static String timestampProblem(String epochSeconds, Instant now, Duration skew) {
    long seconds;
    try {
      seconds = Long.parseLong(epochSeconds.strip());
    } catch (NumberFormatException notANumber) {
      return "a timestamp that is not a number";
    }
    if (seconds < now.minus(skew).getEpochSecond()) {
      return "a timestamp more than " + skew.toMinutes() + " min old";
    }
    if (seconds > now.plus(skew).getEpochSecond()) {
      return "a timestamp more than " + skew.toMinutes() + " min ahead";
    }
    return null;
  }

  private byte[] expected(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(body);
      return (VERSION + "=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime has HmacSHA256; an empty secret is refused at start by the config.
      throw new IllegalStateException("cannot compute Slack's signature", e);
    }
  }
}
