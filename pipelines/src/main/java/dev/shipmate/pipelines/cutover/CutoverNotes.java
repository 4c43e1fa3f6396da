package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.run.RunId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of a cutover run: progress notes for the card, batch comments, failures. */
final class CutoverNotes {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private CutoverNotes() {}

  /** {@code Shipmate c-4k2p: www step 2 of 4, blue 50% · green 50%}: Route53's change comment. */
  static String comment(RunId run, CutoverPlan plan, PlannedStep step) {
    return "Shipmate "
        + run.value()
        + ": "
        + plan.cutover()
        + " step "
        + step.number()
        + " of "
        + plan.steps().size()
        + ", "
        + CutoverPlan.shares(step.weights());
  }

  /** {@code step 2 of 4: blue 50% · green 50%}. */
  static String split(CutoverPlan plan, PlannedStep step) {
    return "step "
        + step.number()
        + " of "
        + plan.steps().size()
        + ": "
        + CutoverPlan.shares(step.weights());
  }

  /** {@code · next: green 75% from 10:20:00 UTC}, or {@code · last step}. */
  static String next(CutoverPlan plan, int number, Instant earliest) {
    return plan.after(number)
        .map(
            next ->
                " · next: green "
                    + CutoverPlan.percent(next.weights().greenPercent())
                    + " from "
                    + time(earliest))
        .orElse(" · last step");
  }

  static String time(Instant at) {
    return TIME.format(at);
  }
}
