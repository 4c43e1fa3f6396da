package dev.shipmate.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts every Slack Web API call, by method and outcome: {@code ok}; Slack's error code when it
 * answers {@code ok:false} ({@code channel_not_found}); {@code ratelimited} for HTTP 429; {@code
 * http_503} for another HTTP failure; {@code io_error} when no answer came. An interceptor on the
 * Slack client's HTTP client, so Bolt's calls and the card publisher's are all seen, failures
 * included (the Slack SDK's own response listeners hear only HTTP 2xx).
 */
public final class SlackCallMetrics implements Interceptor {

  /** Slack's answers start with {@code "ok"}; an error code comes right after it. */
  private static final long PEEK_BYTES = 4096;

  private static final Pattern NOT_OK = Pattern.compile("\"ok\"\\s*:\\s*false");
  private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([a-z0-9_]{1,64})\"");

  private final MeterRegistry registry;

  public SlackCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath();
    String method = path.substring(path.lastIndexOf('/') + 1);
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException noAnswer) {
      count(method, "io_error");
      throw noAnswer;
    }
    String body = response.isSuccessful() ? response.peekBody(PEEK_BYTES).string() : null;
    count(method, outcome(response.code(), body));
    return response;
  }

  private void count(String method, String outcome) {
    Counter.builder("shipmate.slack.calls")
        .description("Slack Web API calls, by method and outcome (ok, Slack's error, http_NNN)")
        .tag("method", method.isEmpty() ? "unknown" : method)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  static String outcome(int status, String body) {
    if (status == 429) {
      return "ratelimited";
    }
    if (status < 200 || status > 299) {
      return "http_" + status;
    }
    if (body != null && NOT_OK.matcher(body).find()) {
      Matcher error = ERROR.matcher(body);
      return error.find() ? error.group(1) : "error";
    }
    return "ok";
  }
}
