package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cutover request will do to the pair as it is now: the steps, their weights and their
 * earliest times. Each step writes both weights in one batch, waits for INSYNC, then waits the
 * record's TTL (resolvers may still hold the old answer) and the bake time under the health gate
 * before the next one. Steps go from the current share towards the target by {@code step}% at a
 * time, at least {@code every} apart; the last one lands exactly on the target.
 *
 * @param before the pair as read when the plan was made: what {@code abort} goes back to
 * @param steps empty when the pair already sends the target share to green
 * @param bake the configured bake time of each step
 */
public record CutoverPlan(
    String cutover,
    WeightedPair before,
    int targetPercent,
    List<PlannedStep> steps,
    Duration bake) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public CutoverPlan {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(bake, "bake");
    steps = List.copyOf(steps);
  }

  /**
   * @throws CutoverRefusedException when the request cannot be done as asked (out of range, a step
   *     of 0, an interval without a step); nothing is changed
   */
  public static CutoverPlan of(
      String cutover, WeightedPair current, CutoverRequest request, Duration bake, Clock clock) {
    List<String> problems = new ArrayList<>();
    if (request.targetPercent() < 0 || request.targetPercent() > 100) {
      problems.add(
          "a cutover goes from 0% to 100% green; got "
              + request.targetPercent()
              + "%. Type e.g. `/cutover "
              + cutover
              + " 25%`.");
    }
    request
        .stepPercent()
        .filter(step -> step < 1 || step > 100)
        .ifPresent(
            step ->
                problems.add(
                    "a step moves 1% to 100% of the traffic; got "
                        + step
                        + "%. Type e.g. `/cutover "
                        + cutover
                        + " 100% --step 25% --every 10m`."));
    request
        .every()
        .filter(every -> every.isNegative() || every.isZero())
        .ifPresent(every -> problems.add("--every must be a positive duration such as 10m."));
    if (request.every().isPresent() && request.stepPercent().isEmpty()) {
      problems.add(
          "--every needs --step: type e.g. `/cutover "
              + cutover
              + " "
              + request.targetPercent()
              + "% --step 25% --every "
              + Durations.format(request.every().get())
              + "`.");
    }
    if (!problems.isEmpty()) {
      throw new CutoverRefusedException(problems);
    }
    Weights target = Weights.ofGreenPercent(request.targetPercent());
    if (current.weights().sameSharesAs(target) && !current.bothZero()) {
      return new CutoverPlan(cutover, current, request.targetPercent(), List.of(), bake);
    }
    Duration settle = current.ttl().plus(bake);
    Duration gap = request.every().filter(e -> e.compareTo(settle) > 0).orElse(settle);
    Instant at = clock.instant();
    List<PlannedStep> steps = new ArrayList<>();
    for (int percent : percents(current, request)) {
      steps.add(
          new PlannedStep(
              steps.size() + 1, percent, Weights.ofGreenPercent(percent), at, at.plus(settle)));
      at = at.plus(gap);
    }
    return new CutoverPlan(cutover, current, request.targetPercent(), steps, bake);
  }

  /** The shares of each step, from the current one towards the target. */
  private static List<Integer> percents(WeightedPair current, CutoverRequest request) {
    int target = request.targetPercent();
    int from = (int) Math.round(current.weights().greenPercent());
    if (request.stepPercent().isEmpty() || from == target) {
      return List.of(target);
    }
    int step = request.stepPercent().get();
    int direction = Integer.signum(target - from);
    List<Integer> percents = new ArrayList<>();
    for (int p = from + direction * step; ; p += direction * step) {
      if (direction > 0 ? p >= target : p <= target) {
        percents.add(target);
        return percents;
      }
      percents.add(p);
    }
  }

  public boolean nothingToDo() {
    return steps.isEmpty();
  }

  /**
   * The weights to go back to when step {@code number} fails its health gate: those of the step
   * before, or those found before the run for the first step.
   */
  public Weights lastHealthyBefore(int number) {
    if (number < 1 || number > steps.size()) {
      throw new IllegalArgumentException("no step " + number + " in a plan of " + steps.size());
    }
    return number == 1 ? before.weights() : steps.get(number - 2).weights();
  }

  /**
   * The step whose weights the pair has now, if any: steps go one way from the weights before the
   * run, so no two steps, and no step and the weights before, send the same shares.
   */
  public Optional<PlannedStep> stepWith(Weights live) {
    return steps.stream().filter(step -> step.weights().sameSharesAs(live)).findFirst();
  }

  /** The step after {@code number}, or empty after the last. */
  public Optional<PlannedStep> after(int number) {
    return number < steps.size() ? Optional.of(steps.get(number)) : Optional.empty();
  }

  /** {@code www already sends 25% of its traffic to green: nothing to change.} */
  public String nothingToDoText() {
    return cutover
        + " already sends "
        + percent(before.weights().greenPercent())
        + " of its traffic to green: nothing to change.";
  }

  /** The change batch of step {@code number}, as {@code --dry-run} shows it. */
  public String changeBatchText(int number) {
    PlannedStep step = steps.get(number - 1);
    WeightedPair from = number == 1 ? before : before.with(steps.get(number - 2).weights());
    RecordPairRef ref = before.ref();
    return "ChangeResourceRecordSets on zone "
        + ref.zoneId()
        + " (one batch: Route53 applies all of it or none):\n"
        + upsertLine(ref, from.blue(), step.weights().blue())
        + "\n"
        + upsertLine(ref, from.green(), step.weights().green());
  }

  private static String upsertLine(RecordPairRef ref, WeightedRecord record, int newWeight) {
    return "  UPSERT "
        + ref.name()
        + " "
        + ref.type()
        + " set '"
        + record.setIdentifier()
        + "' weight "
        + record.weight()
        + " → "
        + newWeight
        + record.ttl().map(ttl -> ", TTL " + ttl + " s").orElse("")
        + ", "
        + record.target();
  }

  /** The plan as {@code --dry-run} shows it: where it starts, the first batch and the schedule. */
  public String dryRunText() {
    if (nothingToDo()) {
      return nothingToDoText();
    }
    StringBuilder text =
        new StringBuilder()
            .append("Cutover ")
            .append(cutover)
            .append(": ")
            .append(before.ref().describe())
            .append('\n')
            .append("Now: ")
            .append(shares(before.weights()))
            .append(before.bothZero() ? " (both weights 0: Route53 splits evenly)" : "")
            .append('\n')
            .append(changeBatchText(1))
            .append('\n')
            .append("Schedule (earliest times; each step then waits for INSYNC, the TTL of ")
            .append(Durations.format(before.ttl()))
            .append(" and a bake of ")
            .append(Durations.format(bake))
            .append(" under the health gate):");
    for (PlannedStep step : steps) {
      text.append("\n  ")
          .append(step.number())
          .append(". ")
          .append(TIME.format(step.applyAt()))
          .append("  ")
          .append(shares(step.weights()))
          .append(" (weights ")
          .append(step.weights().blue())
          .append('/')
          .append(step.weights().green())
          .append("), judged from ")
          .append(TIME.format(step.bakedAt()));
    }
    text.append("\nNothing was changed (dry run).");
    return text.toString();
  }

  static String shares(Weights weights) {
    return "blue " + percent(weights.bluePercent()) + " · green " + percent(weights.greenPercent());
  }

  static String percent(double value) {
    return HealthFigures.percent(value / 100.0);
  }
}
