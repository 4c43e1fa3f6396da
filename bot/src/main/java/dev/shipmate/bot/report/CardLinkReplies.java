package dev.shipmate.bot.report;

import dev.shipmate.bot.dispatch.CardLinks;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.slack.publish.CardAddress;
import dev.shipmate.bot.slack.publish.SlackCallException;
import dev.shipmate.bot.slack.publish.SlackChatGateway;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a run's card for who started it once the card is in Slack ({@code chat.getPermalink}, told
 * through the command's {@code response_url}), or tells them that it could not be posted. The
 * {@link SlackRunReporter} says when a card was posted; the command dispatcher asks for the link
 * right after the start. Either may come first: whoever comes first makes the run's entry, which is
 * forgotten after {@link #WAIT}.
 */
public final class CardLinkReplies implements CardLinks, CardArrivals {

  private static final Logger log = LoggerFactory.getLogger(CardLinkReplies.class);

  /** How long a card is waited for: beyond this, the publisher is retrying a Slack outage. */
  static final Duration WAIT = Duration.ofMinutes(2);

  private final ConcurrentMap<String, CompletableFuture<CardAddress>> cards =
      new ConcurrentHashMap<>();
  private final SlackChatGateway slack;
  private final PrivateReplies replies;
  private final ExecutorService senders;
  private final ScheduledExecutorService timer;

  /**
   * @param senders where the permalink is asked for (a Slack call: never the reporter's thread)
   * @param timer forgets the entries nobody asked for, and gives up on cards that never came
   */
  public CardLinkReplies(
      SlackChatGateway slack,
      PrivateReplies replies,
      ExecutorService senders,
      ScheduledExecutorService timer) {
    this.slack = Objects.requireNonNull(slack, "slack");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  @Override
  public void tellWhenPosted(String runId, CommandOrigin origin) {
    CompletableFuture<CardAddress> arrival = arrival(runId);
    arrival.whenCompleteAsync(
        (card, notPosted) -> {
          // Told once: the entry is not needed any more.
          cards.remove(runId, arrival);
          if (notPosted == null) {
            linked(runId, card, origin);
          } else {
            notPosted(runId, origin, unwrapped(notPosted));
          }
        },
        senders);
  }

  @Override
  public void posted(String runId, CardAddress card) {
    arrival(runId).complete(card);
  }

  @Override
  public void notPosted(String runId, Throwable why) {
    arrival(runId).completeExceptionally(why);
  }

  private CompletableFuture<CardAddress> arrival(String runId) {
    return cards.computeIfAbsent(
        runId,
        id -> {
          CompletableFuture<CardAddress> arrival = new CompletableFuture<>();
          try {
            timer.schedule(
                () -> {
                  cards.remove(id, arrival);
                  arrival.completeExceptionally(new TimeoutException());
                },
                WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
          } catch (RejectedExecutionException stopping) {
            // Stopping: the entry goes with the process.
          }
          return arrival;
        });
  }

  private void linked(String runId, CardAddress card, CommandOrigin origin) {
    if (card.channel().equals(origin.channelId())) {
      return;
    }
    String link;
    try {
      link = slack.permalink(card);
    } catch (SlackCallException | RuntimeException e) {
      log.info("Run {}: no permalink for its card ({}); its channel is named instead", runId, e);
      link = null;
    }
    String where = "<#" + card.channel() + ">";
    replies.tell(
        origin.channelId(),
        origin.userId(),
        origin.replyUrl(),
        link == null
            ? runId + ": its card is in " + where + "."
            : runId + ": <" + link + "|its card> is in " + where + ".");
  }

  private void notPosted(String runId, CommandOrigin origin, Throwable why) {
    if (why instanceof TimeoutException) {
      log.warn("Run {}: its card was not posted within {}; nobody was told", runId, WAIT);
      return;
    }
    replies.tell(
        origin.channelId(),
        origin.userId(),
        origin.replyUrl(),
        why.getMessage()
            + " The run goes on without it: /runs shows where it stands, /cancel "
            + runId
            + " stops it.");
  }

  private static Throwable unwrapped(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
