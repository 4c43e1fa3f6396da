package dev.shipmate.bot.dispatch;

import dev.shipmate.engine.freeze.ActiveFreeze;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How freezes are told to people: the one in the way of a run, with its reason, when it ends and
 * what to type instead; a line of {@code /freeze list}.
 */
public final class FreezeWords {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Said after "Started …" of a run that goes through a freeze. */
  public static final String BREAK_GLASS_STARTED =
      "Break-glass: it goes through the freeze once someone else who may approve has approved it;"
          + " the reason and the approver are in the audit ledger.";

  private FreezeWords() {}

  /**
   * {@code prod is frozen until 2026-12-07 15:00 UTC by <@U1>: release party. To deploy anyway,
   * type …}
   */
  static String refusal(List<ActiveFreeze> freezes, Reply.Start start) {
    ActiveFreeze last = freezes.get(0);
    StringBuilder text = new StringBuilder(describe(last)).append('.');
    if (freezes.size() > 1) {
      text.append(" (")
          .append(freezes.size() - 1)
          .append(" more freeze")
          .append(freezes.size() > 2 ? "s" : "")
          .append(" in force: `/freeze list`.)");
    }
    if (start.breakGlassLine().isPresent()) {
      text.append(" To start it anyway, type `")
          .append(start.breakGlassLine().get())
          .append("`: someone else who may approve must then approve it.");
    } else {
      text.append(" Wait until it ends");
      if (!last.configured()) {
        text.append(", or ask to `/unfreeze ").append(last.name()).append('`');
      }
      text.append('.');
    }
    start
        .queueLine()
        .ifPresent(
            line ->
                text.append(" Or type `")
                    .append(line)
                    .append("` to queue it: it starts by itself when the freeze ends."));
    return text.toString();
  }

  /**
   * {@code prod is frozen until 2026-12-07 15:00 UTC by <@U1>: release party}, or for a configured
   * window {@code the freeze weekend (prod) is in force until …: No changes}.
   */
  public static String describe(ActiveFreeze freeze) {
    String until = TIME.format(freeze.until());
    if (freeze.configured()) {
      return "the freeze "
          + freeze.name()
          + " ("
          + freeze.scope().describe()
          + ") is in force until "
          + until
          + ": "
          + freeze.reason();
    }
    return freeze.name()
        + " is frozen until "
        + until
        + " by <@"
        + freeze.setBy().get()
        + ">: "
        + freeze.reason();
  }

  /**
   * A line of {@code /freeze list} and App Home: {@code prod until 2026-12-07 15:00 UTC, set by
   * <@U1>: release party}.
   */
  public static String line(ActiveFreeze freeze) {
    String until = TIME.format(freeze.until());
    if (freeze.configured()) {
      return "*"
          + freeze.name()
          + "* (shipmate.yaml; "
          + freeze.scope().describe()
          + ") until "
          + until
          + ": "
          + freeze.reason();
    }
    return "*"
        + freeze.name()
        + "* until "
        + until
        + ", set by <@"
        + freeze.setBy().get()
        + ">: "
        + freeze.reason();
  }

  public static String time(java.time.Instant at) {
    return TIME.format(at);
  }
}
