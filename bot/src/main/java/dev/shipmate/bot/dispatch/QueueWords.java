package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.QueuePlace;
import dev.shipmate.engine.run.LockHolder;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.run.Run;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the queue of a target is told to people: where a queued run stands and who is ahead of it, on
 * its card and in the answer to who asked; what to type to join a queue; {@code /queue}.
 */
public final class QueueWords {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private QueueWords() {}

  /** {@code 1st}, {@code 2nd}, {@code 3rd}, {@code 11th}. */
  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  /**
   * Where a queued run stands, for its card (no mentions: the card's progress line is plain text):
   * {@code Queued: 2nd in line for deploy:staging/web, behind d-5k2p (deploy web v1.3 to staging);
   * d-4k2p (deploy web v1.2 to staging) holds it now. It starts by itself when its turn comes.}
   */
  public static String card(QueuePlace place) {
    StringBuilder text = new StringBuilder("Queued: ");
    if (!place.frozen().isEmpty()) {
      text.append("it waits for the freeze ")
          .append(place.frozen().get(0).name())
          .append(" to end (")
          .append(TIME.format(place.frozen().get(0).until()))
          .append("); ");
    }
    text.append(ordinal(place.position())).append(" in line for ").append(place.run().target());
    if (!place.ahead().isEmpty()) {
      text.append(", behind ").append(runs(place.ahead()));
    }
    place
        .holder()
        .ifPresent(
            holder ->
                text.append("; ")
                    .append(holder.runId())
                    .append(
                        holder.key().equals(place.run().target())
                            ? ""
                            : " (on " + holder.key() + ")")
                    .append(" holds it now"));
    return text.append(". It starts by itself when its turn comes.").toString();
  }

  /**
   * The answer to who asked: {@code Queued d-6k2p: deploy web v1.4 to staging — 1st in line for
   * deploy:staging/web; d-4k2p (<@U1>) holds it now. It starts by itself when its turn comes; its
   * card is being posted in <#C0>. `/cancel d-6k2p` takes it out of the queue.}
   */
  static String queued(QueuePlace place, String channel) {
    Run run = place.run();
    StringBuilder text =
        new StringBuilder("Queued ").append(run.id()).append(": ").append(run.summary());
    text.append(" — ")
        .append(ordinal(place.position()))
        .append(" in line for ")
        .append(run.target());
    if (!place.ahead().isEmpty()) {
      text.append(", behind ").append(runs(place.ahead()));
    }
    place
        .holder()
        .ifPresent(holder -> text.append("; ").append(holder(holder)).append(" holds it now"));
    if (!place.frozen().isEmpty()) {
      text.append("; it waits for ").append(FreezeWords.describe(place.frozen().get(0)));
    }
    text.append(". It starts by itself when its turn comes");
    if (!channel.isEmpty()) {
      text.append("; its card is being posted in <#").append(channel).append('>');
    }
    text.append(". `/cancel ").append(run.id()).append("` takes it out of the queue.");
    return text.toString();
  }

  /** Said after a busy or frozen target's refusal: how to wait for it instead. */
  static String instead(String queueLine) {
    return " To wait for your turn instead, type `"
        + queueLine
        + "`: it starts by itself when the target is free.";
  }

  /**
   * {@code /queue}: each target's queue, the holder first. {@code key} is the target asked about,
   * if one was.
   */
  public static String list(List<QueuePlace> places, String asked) {
    if (places.isEmpty()) {
      return "No runs are queued" + (asked.isEmpty() ? "" : " on " + asked) + ".";
    }
    StringBuilder text = new StringBuilder();
    LockKey current = null;
    for (QueuePlace place : places) {
      if (!place.run().target().equals(current)) {
        current = place.run().target();
        text.append(text.length() == 0 ? "" : "\n").append('*').append(current).append('*');
        text.append(
            place
                .holder()
                .map(h -> " — held by " + holder(h) + " since " + TIME.format(h.since()))
                .orElse(" — free"));
        text.append('\n');
      }
      Run run = place.run();
      text.append(place.position())
          .append(". `")
          .append(run.id())
          .append("` ")
          .append(run.summary())
          .append(", <@")
          .append(run.requester())
          .append(">, queued ")
          .append(TIME.format(run.createdAt()));
      if (!place.frozen().isEmpty()) {
        text.append(" — waits for the freeze ")
            .append(place.frozen().get(0).name())
            .append(" (until ")
            .append(TIME.format(place.frozen().get(0).until()))
            .append(')');
      }
      text.append('\n');
    }
    return text.append("`/cancel <run-id>` takes a run out of its queue.").toString();
  }

  private static String holder(LockHolder holder) {
    return "`" + holder.runId() + "` (<@" + holder.holder() + ">)";
  }

  private static String runs(List<Run> runs) {
    return runs.stream()
        .map(r -> r.id() + " (" + r.summary() + ")")
        .collect(Collectors.joining(", "));
  }
}
