package dev.shipmate.bot.slack.publish;

import java.util.Objects;

/**
 * Where a run's card is: its channel and message {@code ts}. The same pair is the run's reply
 * address: its thread is {@code thread_ts = ts}. Store it with the run.
 */
public record CardAddress(String channel, String ts) {

  public CardAddress {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
  }
}
