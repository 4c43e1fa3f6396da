package dev.shipmate.bot.slack.budget;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts every Web API call of the Slack client through the {@link SlackRateBudget}, whoever makes
 * it: it waits for the method's turn, and when Slack still answers 429 it pauses the method for
 * every sender and, once {@code Retry-After} has passed, tries again, so that a message is not lost
 * to a rate limit. Calls whose turn a sender already has ({@link SlackRateBudget#spend}: the card
 * publisher, which waits for turns without holding a thread) go straight through, and their 429 is
 * handed back: that sender pauses the method in the budget and retries on its own.
 *
 * <p>It waits on the caller's thread, which is never the ack's: Shipmate calls the Web API after
 * the ack only, except for Bolt's cached {@code auth.test}, which is let through untouched.
 */
public final class RateBudgetInterceptor implements Interceptor {

  /** How long a call waits for its turn and retries after 429s before Slack's answer is kept. */
  public static final Duration PATIENCE = Duration.ofMinutes(5);

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /**
   * Bolt's token check: made when the app starts and, cached for minutes, by its middleware on a
   * request's way to the ack, which must never wait. Slack rates it generously (Special tier).
   */
  private static final String AUTH_TEST = "auth.test";

  private final SlackRateBudget budget;
  private final String apiPrefix;
  private final Clock clock;

  /**
   * @param webApiUrl the Web API's base URL (ending with a slash): calls to other URLs (uploads,
   *     {@code response_url}s) are not Web API methods and pass untouched
   */
  public RateBudgetInterceptor(SlackRateBudget budget, URI webApiUrl, Clock clock) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.apiPrefix = webApiUrl.toString();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String url = request.url().toString();
    if (!url.startsWith(apiPrefix)) {
      return chain.proceed(request);
    }
    String method = url.substring(apiPrefix.length()).split("[?/]", 2)[0];
    if (AUTH_TEST.equals(method)) {
      return chain.proceed(request);
    }
    if (budget.paidFor(method)) {
      // Its sender reports a 429 to the budget itself (the card publisher), and retries.
      return chain.proceed(request);
    }
    String channel = channel(request);
    Instant deadline = clock.instant().plus(PATIENCE);
    while (true) {
      waitForTurn(method, channel, deadline);
      Response response = chain.proceed(request);
      if (response.code() != 429) {
        return response;
      }
      Duration retryAfter = retryAfter(response);
      budget.rateLimited(method, channel, retryAfter);
      if (clock.instant().plus(retryAfter).isAfter(deadline)) {
        return response;
      }
      response.close();
    }
  }

  private void waitForTurn(String method, String channel, Instant deadline) throws IOException {
    Duration left = Duration.between(clock.instant(), deadline);
    try {
      // Out of patience, the call goes anyway: Slack decides, and a 429 is answered as before.
      budget.await(method, channel, Urgency.ORDINARY, left.isNegative() ? Duration.ZERO : left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for Slack's rate budget");
    }
  }

  /** The {@code channel} argument of a form-encoded call, as the Slack client sends them. */
  private static String channel(Request request) {
    if (request.body() instanceof FormBody form) {
      for (int i = 0; i < form.size(); i++) {
        if ("channel".equals(form.name(i))) {
          return form.value(i);
        }
      }
    }
    return null;
  }

  private static Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
