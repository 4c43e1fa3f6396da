package dev.shipmate.commands;

import dev.shipmate.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A slash command, understood: which command, and its arguments, checked against the
 * configuration's names. Each record holds the full names, including those the person left out
 * because the configuration has only one.
 */
public sealed interface Command {

  /** In a command line shown as what to type: {@code --break-glass "<reason>"}. */
  String REASON_PLACEHOLDER = "<reason>";

  /** One line echoing what was understood: {@code deploy web v1.2 to prod (dry run)}. */
  String summary();

  /**
   * The command written out in full, the way the grammar reads it back to this same record: {@code
   * /deploy web v1.2 prod --dry-run}.
   */
  String commandLine();

  /**
   * {@code /deploy <service> <version> <environment> [--dry-run] [--break-glass "reason"]
   * [--queue]}
   *
   * @param breakGlass why it must go through a freeze in force; it then waits for someone else's
   *     approval
   * @param queue wait for its turn when the environment is busy or frozen, instead of being refused
   */
  record Deploy(
      String service,
      String version,
      String environment,
      boolean dryRun,
      Optional<String> breakGlass,
      boolean queue)
      implements Command {
    public Deploy {
      requireText(service, "service");
      requireText(version, "version");
      requireText(environment, "environment");
      Objects.requireNonNull(breakGlass, "breakGlass");
    }

    public Deploy(
        String service,
        String version,
        String environment,
        boolean dryRun,
        Optional<String> breakGlass) {
      this(service, version, environment, dryRun, breakGlass, false);
    }

    public Deploy(String service, String version, String environment, boolean dryRun) {
      this(service, version, environment, dryRun, Optional.empty());
    }

    @Override
    public String summary() {
      return "deploy "
          + service
          + " "
          + version
          + " to "
          + environment
          + dryRunNote(dryRun)
          + breakGlassNote(breakGlass)
          + queueNote(queue);
    }

    @Override
    public String commandLine() {
      return "/deploy "
          + service
          + " "
          + version
          + " "
          + environment
          + dryRunFlag(dryRun)
          + breakGlassFlag(breakGlass)
          + queueFlag(queue);
    }
  }

  /** {@code /deploy history <service> <environment>} */
  record DeployHistory(String service, String environment) implements Command {
    public DeployHistory {
      requireText(service, "service");
      requireText(environment, "environment");
    }

    @Override
    public String summary() {
      return "deploy history of " + service + " in " + environment;
    }

    @Override
    public String commandLine() {
      return "/deploy history " + service + " " + environment;
    }
  }

  /** {@code /whats-deployed <service>} */
  record WhatsDeployed(String service) implements Command {
    public WhatsDeployed {
      requireText(service, "service");
    }

    @Override
    public String summary() {
      return "what is deployed of " + service + " in each environment";
    }

    @Override
    public String commandLine() {
      return "/whats-deployed " + service;
    }
  }

  /**
   * {@code /rollback <service> <environment> [to <version>] [--queue]}; no version means the
   * previous one.
   */
  record Rollback(String service, String environment, Optional<String> version, boolean queue)
      implements Command {
    public Rollback {
      requireText(service, "service");
      requireText(environment, "environment");
      Objects.requireNonNull(version, "version");
    }

    public Rollback(String service, String environment, Optional<String> version) {
      this(service, environment, version, false);
    }

    @Override
    public String summary() {
      return "roll back "
          + service
          + " in "
          + environment
          + " to "
          + version.orElse("the previous version")
          + queueNote(queue);
    }

    @Override
    public String commandLine() {
      return "/rollback "
          + service
          + " "
          + environment
          + version.map(v -> " to " + v).orElse("")
          + queueFlag(queue);
    }
  }

  /**
   * {@code /env up <pr> [--ref <sha|tag>] [--ttl <duration>]}; no ref means the pull request's
   * head, no ttl the configured one.
   */
  record EnvUp(int pr, Optional<String> ref, Optional<Duration> ttl) implements Command {
    public EnvUp {
      requirePullRequest(pr);
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(ttl, "ttl");
      ttl.ifPresent(Command::requirePositive);
    }

    @Override
    public String summary() {
      return "preview environment up for PR #"
          + pr
          + ref.map(r -> " at " + r).orElse("")
          + ttl.map(t -> ", for " + Durations.format(t)).orElse("");
    }

    @Override
    public String commandLine() {
      return "/env up pr-"
          + pr
          + ref.map(r -> " --ref " + r).orElse("")
          + ttl.map(t -> " --ttl " + Durations.format(t)).orElse("");
    }
  }

  /** {@code /env down <pr>} */
  record EnvDown(int pr) implements Command {
    public EnvDown {
      requirePullRequest(pr);
    }

    @Override
    public String summary() {
      return "preview environment down for PR #" + pr;
    }

    @Override
    public String commandLine() {
      return "/env down pr-" + pr;
    }
  }

  /** {@code /env extend <pr> <duration>} */
  record EnvExtend(int pr, Duration by) implements Command {
    public EnvExtend {
      requirePullRequest(pr);
      requirePositive(by);
    }

    @Override
    public String summary() {
      return "extend the preview environment for PR #" + pr + " by " + Durations.format(by);
    }

    @Override
    public String commandLine() {
      return "/env extend pr-" + pr + " " + Durations.format(by);
    }
  }

  /** {@code /env list} */
  record EnvList() implements Command {
    @Override
    public String summary() {
      return "list the preview environments";
    }

    @Override
    public String commandLine() {
      return "/env list";
    }
  }

  /**
   * {@code /cutover <name> <percent>% [--step <percent>% --every <duration>] [--dry-run]}: send
   * {@code percent} of the traffic to green, at once or {@code steps} at a time.
   */
  record CutoverShift(
      String cutover,
      int percent,
      Optional<Steps> steps,
      boolean dryRun,
      Optional<String> breakGlass,
      boolean queue)
      implements Command {
    public CutoverShift {
      requireText(cutover, "cutover");
      requirePercent(percent);
      // A step may be larger than the target: from 100% back to 0% in 25% steps.
      Objects.requireNonNull(steps, "steps");
      Objects.requireNonNull(breakGlass, "breakGlass");
    }

    public CutoverShift(
        String cutover,
        int percent,
        Optional<Steps> steps,
        boolean dryRun,
        Optional<String> breakGlass) {
      this(cutover, percent, steps, dryRun, breakGlass, false);
    }

    public CutoverShift(String cutover, int percent, Optional<Steps> steps, boolean dryRun) {
      this(cutover, percent, steps, dryRun, Optional.empty());
    }

    /** The same shift, through a freeze for {@code reason}. */
    public CutoverShift breakingGlass(String reason) {
      return new CutoverShift(cutover, percent, steps, dryRun, Optional.of(reason), queue);
    }

    /**
     * Move {@code percent} of the traffic towards the target (up or down), then wait {@code every},
     * until the target.
     */
    public record Steps(int percent, Duration every) {
      public Steps {
        if (percent < 1 || percent > 100) {
          throw new IllegalArgumentException("a step is 1% to 100%, not " + percent + "%");
        }
        requirePositive(every);
      }
    }

    @Override
    public String summary() {
      return "cut over "
          + cutover
          + ": "
          + percent
          + "% of traffic to green"
          + steps.map(s -> ", " + s.percent() + "% every " + Durations.format(s.every())).orElse("")
          + dryRunNote(dryRun)
          + breakGlassNote(breakGlass)
          + queueNote(queue);
    }

    @Override
    public String commandLine() {
      return "/cutover "
          + cutover
          + " "
          + percent
          + "%"
          + steps
              .map(s -> " --step " + s.percent() + "% --every " + Durations.format(s.every()))
              .orElse("")
          + dryRunFlag(dryRun)
          + breakGlassFlag(breakGlass)
          + queueFlag(queue);
    }
  }

  /** {@code /cutover <name> status} */
  record CutoverStatus(String cutover) implements Command {
    public CutoverStatus {
      requireText(cutover, "cutover");
    }

    @Override
    public String summary() {
      return "status of the cutover " + cutover;
    }

    @Override
    public String commandLine() {
      return "/cutover " + cutover + " status";
    }
  }

  /** {@code /cutover <name> abort}: stop, and send the traffic back to blue. */
  record CutoverAbort(String cutover) implements Command {
    public CutoverAbort {
      requireText(cutover, "cutover");
    }

    @Override
    public String summary() {
      return "abort the cutover " + cutover + " and send its traffic back to blue";
    }

    @Override
    public String commandLine() {
      return "/cutover " + cutover + " abort";
    }
  }

  /** {@code /upgrade <cluster> <version> [--dry-run]}; the version is major.minor: {@code 1.31}. */
  record Upgrade(
      String cluster, String version, boolean dryRun, Optional<String> breakGlass, boolean queue)
      implements Command {
    public Upgrade {
      requireText(cluster, "cluster");
      requireText(version, "version");
      Objects.requireNonNull(breakGlass, "breakGlass");
    }

    public Upgrade(String cluster, String version, boolean dryRun, Optional<String> breakGlass) {
      this(cluster, version, dryRun, breakGlass, false);
    }

    public Upgrade(String cluster, String version, boolean dryRun) {
      this(cluster, version, dryRun, Optional.empty());
    }

    @Override
    public String summary() {
      return "upgrade "
          + cluster
          + " to Kubernetes "
          + version
          + dryRunNote(dryRun)
          + breakGlassNote(breakGlass)
          + queueNote(queue);
    }

    @Override
    public String commandLine() {
      return "/upgrade "
          + cluster
          + " "
          + version
          + dryRunFlag(dryRun)
          + breakGlassFlag(breakGlass)
          + queueFlag(queue);
    }
  }

  /** {@code /upgrade <cluster> status} */
  record UpgradeStatus(String cluster) implements Command {
    public UpgradeStatus {
      requireText(cluster, "cluster");
    }

    @Override
    public String summary() {
      return "status of the upgrade of " + cluster;
    }

    @Override
    public String commandLine() {
      return "/upgrade " + cluster + " status";
    }
  }

  /** {@code /upgrade <cluster> pause} */
  record UpgradePause(String cluster) implements Command {
    public UpgradePause {
      requireText(cluster, "cluster");
    }

    @Override
    public String summary() {
      return "pause the upgrade of " + cluster;
    }

    @Override
    public String commandLine() {
      return "/upgrade " + cluster + " pause";
    }
  }

  /** {@code /upgrade <cluster> resume} */
  record UpgradeResume(String cluster) implements Command {
    public UpgradeResume {
      requireText(cluster, "cluster");
    }

    @Override
    public String summary() {
      return "resume the upgrade of " + cluster;
    }

    @Override
    public String commandLine() {
      return "/upgrade " + cluster + " resume";
    }
  }

  /** {@code /drift [cluster]}; no cluster means every cluster. */
  record Drift(Optional<String> cluster) implements Command {
    public Drift {
      Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public String summary() {
      return "drift report for " + cluster.orElse("every cluster");
    }

    @Override
    public String commandLine() {
      return "/drift" + cluster.map(c -> " " + c).orElse("");
    }
  }

  /**
   * {@code /freeze <target> <duration> ["<reason>"]}: no runs start on the target meanwhile, but
   * rollbacks and break-glass runs.
   */
  record Freeze(String target, Duration length, Optional<String> reason) implements Command {
    public Freeze {
      requireText(target, "target");
      requirePositive(length);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String summary() {
      return "freeze "
          + target
          + " for "
          + Durations.format(length)
          + reason.map(r -> ": " + r).orElse("");
    }

    @Override
    public String commandLine() {
      return "/freeze "
          + target
          + " "
          + Durations.format(length)
          + reason.map(r -> " \"" + r + "\"").orElse("");
    }
  }

  /** {@code /freeze list}: the freezes in force, configured and set from chat. */
  record FreezeList() implements Command {
    @Override
    public String summary() {
      return "list the freezes in force";
    }

    @Override
    public String commandLine() {
      return "/freeze list";
    }
  }

  /** {@code /unfreeze <target>}: lifts the freezes set from chat on it. */
  record Unfreeze(String target) implements Command {
    public Unfreeze {
      requireText(target, "target");
    }

    @Override
    public String summary() {
      return "unfreeze " + target;
    }

    @Override
    public String commandLine() {
      return "/unfreeze " + target;
    }
  }

  /** {@code /runs} */
  record Runs() implements Command {
    @Override
    public String summary() {
      return "list the runs in progress";
    }

    @Override
    public String commandLine() {
      return "/runs";
    }
  }

  /** {@code /cancel <run-id>} */
  record Cancel(String runId) implements Command {
    public Cancel {
      requireText(runId, "runId");
    }

    @Override
    public String summary() {
      return "cancel the run " + runId;
    }

    @Override
    public String commandLine() {
      return "/cancel " + runId;
    }
  }

  /** {@code /queue [target]}: the runs waiting their turn, on every target or on one. */
  record Queue(Optional<String> target) implements Command {
    public Queue {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String summary() {
      return "list the queued runs" + target.map(t -> " of " + t).orElse("");
    }

    @Override
    public String commandLine() {
      return "/queue" + target.map(t -> " " + t).orElse("");
    }
  }

  /**
   * {@code /shipmate help [command]}, and {@code help} after any command; the topic is a command's
   * name without its slash ({@code deploy}), as {@link HelpText#forCommand} takes it.
   */
  record Help(Optional<String> topic) implements Command {
    public Help {
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String summary() {
      return topic.map(t -> "help for /" + t).orElse("help");
    }

    @Override
    public String commandLine() {
      return "/shipmate help" + topic.map(t -> " " + t).orElse("");
    }
  }

  private static String dryRunNote(boolean dryRun) {
    return dryRun ? " (dry run)" : "";
  }

  private static String breakGlassNote(Optional<String> reason) {
    return reason.map(r -> " (break-glass: " + r + ")").orElse("");
  }

  private static String breakGlassFlag(Optional<String> reason) {
    return reason.map(r -> " --break-glass \"" + r + "\"").orElse("");
  }

  private static String queueNote(boolean queue) {
    return queue ? " (queued if busy)" : "";
  }

  private static String queueFlag(boolean queue) {
    return queue ? " --queue" : "";
  }

  private static String dryRunFlag(boolean dryRun) {
    return dryRun ? " --dry-run" : "";
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
  }

  private static void requirePullRequest(int pr) {
    if (pr < 1) {
      throw new IllegalArgumentException("pull request numbers start at 1, not " + pr);
    }
  }

  private static void requirePercent(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a percentage is 0 to 100, not " + percent);
    }
  }

  private static void requirePositive(Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a duration must be positive, not " + duration);
    }
  }
}
