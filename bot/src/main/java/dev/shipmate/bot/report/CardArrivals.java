package dev.shipmate.bot.report;

import dev.shipmate.bot.slack.publish.CardAddress;

/** What the {@link SlackRunReporter} tells of each card it posts for a new run. */
public interface CardArrivals {

  /** Nobody listens. */
  CardArrivals NONE =
      new CardArrivals() {
        @Override
        public void posted(String runId, CardAddress card) {}

        @Override
        public void notPosted(String runId, Throwable why) {}
      };

  /** The card of {@code runId} is at {@code card}. */
  void posted(String runId, CardAddress card);

  /** The card of {@code runId} could not be posted; {@code why} says why, for its requester. */
  void notPosted(String runId, Throwable why);
}
