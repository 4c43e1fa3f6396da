package dev.shipmate.bot.slack.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.bot.slack.ThreadReplies;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import dev.shipmate.sandbox.slack.SlackFault;
import dev.shipmate.sandbox.slack.SlackMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Senders outside the card publisher (here the thread replies that announce a Roll back) through
 * the Slack client's budget interceptor, against the stand-in: a 429 no longer loses their message,
 * and it holds every sender of the method until Slack's Retry-After has passed.
 */
class RateBudgetInterceptorIT {

  private static final String CHANNEL = "C0DEPLOYS";

  private final Clock clock = Clock.systemUTC();
  private SimulatedSlack slack;
  private ScheduledExecutorService timer;
  private ExecutorService senders;
  private MethodsClient methods;
  private SlackRateBudget budget;

  @BeforeEach
  void start() {
    slack = SimulatedSlack.start(clock);
    slack.addBotTo(CHANNEL);
    timer = Executors.newSingleThreadScheduledExecutor();
    senders = Executors.newFixedThreadPool(2);
    budget = new SlackRateBudget(SlackTiers.documented(), clock, timer);
    Slack client =
        SlackApp.client(slack.apiUrl(), new RateBudgetInterceptor(budget, slack.apiUrl(), clock));
    methods = client.methods(slack.botToken());
  }

  @AfterEach
  void stop() {
    senders.shutdownNow();
    timer.shutdownNow();
    slack.close();
  }

  @Test
  @DisplayName(
      "a thread reply answered 429 is posted once Retry-After has passed, and another sender of"
          + " chat.postMessage in that channel waits the pause out too")
  void rateLimitedReplyIsNotLost() {
    SlackMessage card = slack.addMessage(CHANNEL, "the card");
    slack.setRetryAfter(Duration.ofSeconds(2));
    slack.failNext("chat.postMessage", 1, SlackFault.RATE_LIMITED);
    ThreadReplies replies = new ThreadReplies(methods, senders);

    // When the Roll back announcement meets a 429, and another reply follows at once
    replies.post(CHANNEL, card.ts(), "U1 started r-1abc: roll back web in staging to v1.0");
    Await.until(
        "the first call to be refused, and the method paused",
        () -> budget.paused("chat.postMessage", CHANNEL));
    replies.post(CHANNEL, card.ts(), "a second reply");

    // Then both arrive
    Await.until(
        "both replies in the thread",
        () -> slack.thread(CHANNEL, card.ts()).size() == 3,
        Duration.ofSeconds(15));
    assertThat(slack.thread(CHANNEL, card.ts()))
        .extracting(SlackMessage::text)
        .contains("U1 started r-1abc: roll back web in staging to v1.0", "a second reply");

    // And nothing reached Slack during the pause it asked for
    List<SlackCall> calls = slack.calls("chat.postMessage");
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0).rateLimited()).isTrue();
    assertThat(calls.get(1).at()).isAfterOrEqualTo(calls.get(0).at().plusSeconds(2));
    assertThat(calls.get(2).at()).isAfterOrEqualTo(calls.get(0).at().plusSeconds(2));
  }

  @Test
  @DisplayName("calls beyond a method's allowance wait for their turn instead of meeting a 429")
  void waitsForItsTurn() {
    slack.rateLimit("usergroups.users.list", SlackTiers.TIER_2);
    slack.addUsergroup("S0SRE", List.of("U1"));
    SlackRateBudget quickBudget =
        new SlackRateBudget(SlackTiers.documented(Duration.ofSeconds(3)), clock, timer);
    slack.rateWindow(Duration.ofSeconds(3));
    MethodsClient quick =
        SlackApp.client(
                slack.apiUrl(), new RateBudgetInterceptor(quickBudget, slack.apiUrl(), clock))
            .methods(slack.botToken());

    // When 25 lookups go at once against a Tier 2 method (20 a minute, 18 allowed)
    for (int i = 0; i < 25; i++) {
      senders.execute(
          () -> {
            try {
              quick.usergroupsUsersList(r -> r.usergroup("S0SRE"));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    }

    // Then all are answered, none with 429
    Await.until(
        "25 lookups",
        () -> slack.calls("usergroups.users.list").size() == 25,
        Duration.ofSeconds(15));
    assertThat(slack.calls("usergroups.users.list")).allMatch(SlackCall::ok);
  }
}
