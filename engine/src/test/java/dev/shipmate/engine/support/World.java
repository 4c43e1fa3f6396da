package dev.shipmate.engine.support;

import dev.shipmate.engine.pipeline.DefinedStep;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test pipelines change: a log of every side effect, in order, and a few switches a test
 * flips to let a waiting step finish. Counting the log's lines is how a test proves a step acted
 * exactly once.
 */
public final class World {
  private final List<String> effects = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentHashMap<String, Boolean> switches = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /** What a step that changed something stores: enough for its undo. */
  public record Change(String what, String previous) {}

  public void record(String effect) {
    effects.add(effect);
  }

  public List<String> effects() {
    synchronized (effects) {
      return List.copyOf(effects);
    }
  }

  public long count(String effect) {
    return effects().stream().filter(effect::equals).count();
  }

  public void turnOn(String name) {
    switches.put(name, true);
  }

  public boolean isOn(String name) {
    return switches.getOrDefault(name, false);
  }

  /** How many times a step's {@code execute} was entered. */
  public int calls(String step) {
    return calls.computeIfAbsent(step, k -> new AtomicInteger()).get();
  }

  public int call(String step) {
    return calls.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
  }

  /** A step that records its name and succeeds, changing nothing that needs undoing. */
  public DefinedStep<DeployParams> step(String name) {
    return Step.define(
        name,
        ctx -> {
          call(name);
          record(name);
          return StepResult.done();
        });
  }

  /** A step that changes the world, stores what it changed, and has an undo that reads it. */
  public DefinedStep<DeployParams> changing(String name) {
    return Step.<DeployParams>define(
            name,
            ctx -> {
              call(name);
              record(name);
              return StepResult.done(new Change(name, "before-" + name));
            })
        .withUndo(undo(name));
  }

  public DefinedStep<DeployParams> undo(String of) {
    String undoName = "undo-" + of;
    return Step.define(
        undoName,
        ctx -> {
          call(undoName);
          Change change = ctx.output(of, Change.class);
          record(undoName + ":" + change.previous());
          return StepResult.done();
        });
  }

  /** A step that answers "running" every {@code every} until {@code switchName} is on. */
  public DefinedStep<DeployParams> waitsFor(String name, String switchName, Duration every) {
    return Step.<DeployParams>define(
            name,
            ctx -> {
              int call = call(name);
              if (isOn(switchName)) {
                record(name);
                return StepResult.done();
              }
              return StepResult.running(every, "check " + call);
            })
        .withCancelHook(ctx -> record("cancelled " + name));
  }
}
