package dev.shipmate.engine.support;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.engine.freeze.Change;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.run.LockKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A pipeline assembled in a test: its steps are whatever the test needs. */
public final class TestPipeline implements Pipeline<DeployParams> {
  private final String type;
  private final char prefix;
  private final List<Step<DeployParams>> steps;
  private final List<Step<DeployParams>> onFailure;
  private final boolean pausable;
  private Optional<FreezeBlock> changes = Optional.empty();

  private TestPipeline(
      String type,
      char prefix,
      List<Step<DeployParams>> steps,
      List<Step<DeployParams>> onFailure) {
    this(type, prefix, steps, onFailure, false);
  }

  private TestPipeline(
      String type,
      char prefix,
      List<Step<DeployParams>> steps,
      List<Step<DeployParams>> onFailure,
      boolean pausable) {
    this.type = type;
    this.prefix = prefix;
    this.steps = List.copyOf(steps);
    this.onFailure = List.copyOf(onFailure);
    this.pausable = pausable;
  }

  /** The same pipeline, whose runs may be paused. */
  public TestPipeline asPausable() {
    return new TestPipeline(type, prefix, steps, onFailure, true);
  }

  /**
   * The same pipeline, whose runs are a change of {@code kind} to their environment ({@code
   * params.env}) on their cluster ({@code prod-eu} unless the params name one), as freezes see it.
   */
  public TestPipeline changing(FreezeBlock kind) {
    TestPipeline copy = new TestPipeline(type, prefix, steps, onFailure, pausable);
    copy.changes = Optional.of(kind);
    return copy;
  }

  @Override
  public Optional<Change> change(DeployParams params) {
    return changes.map(
        kind -> Change.ofEnvironment(kind, params.env(), params.cluster().orElse("prod-eu")));
  }

  @Override
  public boolean pausable() {
    return pausable;
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public static TestPipeline deploy(Step<DeployParams>... steps) {
    return new TestPipeline("deploy", 'd', List.of(steps), List.of());
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public static TestPipeline named(String type, char prefix, Step<DeployParams>... steps) {
    return new TestPipeline(type, prefix, List.of(steps), List.of());
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public final TestPipeline onFailure(Step<DeployParams>... steps) {
    return new TestPipeline(type, prefix, this.steps, List.of(steps), pausable);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public char idPrefix() {
    return prefix;
  }

  @Override
  public Class<DeployParams> paramsType() {
    return DeployParams.class;
  }

  /** {@code deploy:prod/web}; a pipeline named {@code upgrade} locks {@code cluster:<cluster>}. */
  @Override
  public LockKey lockKey(DeployParams params) {
    if (type.equals("upgrade")) {
      return LockKey.of("cluster", params.cluster().orElseThrow());
    }
    return LockKey.of(type, params.env() + "/" + params.service());
  }

  @Override
  public Set<LockKey> refuseWhileHeld(DeployParams params) {
    if (type.equals("upgrade")) {
      return Set.of();
    }
    return params.cluster().map(c -> Set.of(LockKey.of("cluster", c))).orElse(Set.of());
  }

  @Override
  public String summary(DeployParams params) {
    return type + " " + params.service() + " " + params.version() + " to " + params.env();
  }

  @Override
  public List<Step<DeployParams>> steps() {
    return steps;
  }

  @Override
  public List<Step<DeployParams>> onFailure() {
    return onFailure;
  }
}
