package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.Durations;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.RetryPolicy;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.CloudWatchAlarms;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * {@code /cutover www 100% --step 25% --every 10m}: {@code plan} → {@code apply-weights} (the first
 * step's batch) → {@code bake} (INSYNC, the health gate over the TTL and the bake time with the
 * cutover's checks — {@code health.alarm}, {@code analysis} — then each further step the same way).
 * When a gate fails, or the run is aborted, the engine undoes {@code apply-weights} with {@code
 * restore-weights}: the last healthy weights after a failure, the weights before the run after an
 * abort; the run ends ROLLED_BACK or CANCELLED.
 *
 * <p>Holds {@code cutover:<name>}. Its steps never wait on a thread and keep nothing between checks
 * that Route53 and the stored plan cannot give back, so a pause between checks is safe: this
 * pipeline can declare itself pausable once the engine offers it.
 */
public final class CutoverPipeline implements Pipeline<CutoverParams> {
  public static final String TYPE = "cutover";

  /**
   * Throttling and PriorRequestNotComplete outlasting the SDK's own retries: tried again from 2 s,
   * doubling to a minute, eight times in all.
   */
  static final RetryPolicy ROUTE53_RETRY =
      new RetryPolicy(8, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1));

  /** The longest a run may take: generous, since {@code --every} may be hours. */
  static final Duration LONGEST_RUN = Duration.ofDays(7);

  private final CutoverTargets targets;
  private final Route53Gateway route53;
  private final ProbeClient probe;
  private final Clock clock;
  private final List<Step<CutoverParams>> steps;

  /** Checks measured on their own clients: Prometheus over OkHttp, CloudWatch the SDK's way. */
  public CutoverPipeline(
      ShipmateConfig config, Route53Gateway route53, ProbeClient probe, Clock clock) {
    this(
        config,
        route53,
        probe,
        clock,
        new CheckMeasurer(
            new PrometheusClient(new OkHttpClient(), PrometheusClient.DEFAULT_TIMEOUT),
            CloudWatchAlarms.fromEnvironment()));
  }

  /**
   * @param measurer measures each step's checks: {@code health.alarm} and the cutover's {@code
   *     analysis}
   */
  public CutoverPipeline(
      ShipmateConfig config,
      Route53Gateway route53,
      ProbeClient probe,
      Clock clock,
      CheckMeasurer measurer) {
    this.targets = new CutoverTargets(config);
    this.route53 = Objects.requireNonNull(route53, "route53");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.clock = Objects.requireNonNull(clock, "clock");
    CutoverMemory memory = new CutoverMemory();
    this.steps =
        List.of(
            new PlanCutoverStep(targets, route53),
            new ApplyWeightsStep(
                targets, route53, new RestoreWeightsStep(targets, route53, memory)),
            new BakeStep(targets, route53, probe, memory, measurer));
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * A pause holds the traffic at its current split: no step waits on a thread, so a pause between
   * batches or between health checks only makes the wait longer.
   */
  @Override
  public boolean pausable() {
    return true;
  }

  @Override
  public char idPrefix() {
    return 'c';
  }

  @Override
  public Class<CutoverParams> paramsType() {
    return CutoverParams.class;
  }

  @Override
  public Optional<Change> change(CutoverParams params) {
    return Optional.of(Change.ofCutover(params.cutover()));
  }

  @Override
  public LockKey lockKey(CutoverParams params) {
    return lockKey(params.cutover());
  }

  public static LockKey lockKey(String cutover) {
    return LockKey.of("cutover", cutover);
  }

  /** {@code cutover www to 100% green, 25% every 10m}. */
  @Override
  public String summary(CutoverParams params) {
    return "cutover "
        + params.cutover()
        + " to "
        + params.targetPercent()
        + "% green"
        + params
            .stepPercent()
            .map(
                step ->
                    ", " + step + "% every " + params.every().map(Durations::format).orElse("step"))
            .orElse("");
  }

  @Override
  public List<Step<CutoverParams>> steps() {
    return steps;
  }

  /**
   * What {@code /cutover www status} answers: the live weights and three probes of the green side.
   * Reads Route53 and probes: call it off any thread that must answer quickly.
   *
   * @throws CutoverRefusedException when the cutover or its records do not exist
   */
  public CutoverStatusReport status(String cutover) {
    CutoverTarget target = targets.resolve(cutover);
    WeightedPair live = route53.readPair(target.ref());
    List<HealthSample> samples = new ArrayList<>();
    for (int i = 0; i < target.gate().minSamples(); i++) {
      samples.add(probe.probe(target.health().url()));
    }
    HealthWindow window =
        new HealthWindow(Duration.ofMinutes(10), clock.instant().plusSeconds(1), samples);
    return new CutoverStatusReport(cutover, live, Optional.of(target.gate().judge(window)));
  }

  /**
   * What {@code --dry-run} answers: the first batch and the schedule, from the live weights. Reads
   * Route53.
   *
   * @throws CutoverRefusedException when the request cannot be done as asked
   */
  public String dryRun(CutoverParams params) {
    CutoverTarget target = targets.resolve(params.cutover());
    WeightedPair live = route53.readPair(target.ref());
    return CutoverPlan.of(target.name(), live, params.asRequest(), target.bake(), clock)
        .dryRunText();
  }
}
