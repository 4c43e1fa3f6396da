package dev.shipmate.bot.drift;

import dev.shipmate.bot.slack.publish.CardAddress;
import dev.shipmate.bot.slack.publish.SlackCallException;
import dev.shipmate.bot.slack.publish.SlackChatGateway;
import dev.shipmate.bot.slack.render.SlackMessage;

/** Posts a drift report: the message, then the full diff as a file in its thread. */
public final class DriftPublisher {
  private final SlackChatGateway slack;

  public DriftPublisher(SlackChatGateway slack) {
    this.slack = slack;
  }

  /**
   * @param threadTs the thread to post in, or null for a message of its own
   * @return where the message is
   */
  public CardAddress publish(String channel, String threadTs, DriftMessage message)
      throws SlackCallException {
    CardAddress posted = slack.postMessage(channel, threadTs, message.message());
    if (message.diff().isPresent()) {
      CardAddress thread = threadTs == null ? posted : new CardAddress(posted.channel(), threadTs);
      slack.uploadToThread(thread, message.diff().get());
    }
    return posted;
  }

  /** A short message of its own, or in a thread: a note that a report was asked for, an error. */
  public CardAddress say(String channel, String threadTs, String text) throws SlackCallException {
    return slack.postMessage(channel, threadTs, new SlackMessage(text, java.util.List.of()));
  }
}
