package dev.shipmate.engine.crash;

import dev.shipmate.engine.pipeline.DefinedStep;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The pipeline the crash tests kill: each step's side effect is a line appended to a file, so the
 * lines can be counted after the process is gone. Step {@code two} can be told to hang inside
 * {@code execute}, which is where the test kills the process.
 */
final class CrashPipeline implements Pipeline<CrashPipeline.Params> {
  record Params(String name) {}

  private final Path effects;
  private final boolean hangInTwo;
  private final boolean twoReentrant;

  CrashPipeline(Path effects, boolean hangInTwo, boolean twoReentrant) {
    this.effects = effects;
    this.hangInTwo = hangInTwo;
    this.twoReentrant = twoReentrant;
  }

  @Override
  public String type() {
    return "crash";
  }

  @Override
  public char idPrefix() {
    return 'c';
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public LockKey lockKey(Params params) {
    return LockKey.of("crash", params.name());
  }

  @Override
  public List<Step<Params>> steps() {
    // "one" appends blindly: a second execution would show as a second line.
    Step<Params> one =
        Step.<Params>define(
                "one",
                ctx -> {
                  append("one");
                  return StepResult.done();
                })
            .withUndo(
                Step.define(
                    "undo-one",
                    ctx -> {
                      append("undo-one");
                      return StepResult.done();
                    }));
    // "two" is idempotent the way a real step is: it looks before it acts.
    DefinedStep<Params> two =
        Step.define(
            "two",
            ctx -> {
              append("two-entered");
              if (hangInTwo) {
                new CountDownLatch(1).await(); // until the test kills this process
              }
              if (!lines().contains("two")) {
                append("two");
              }
              return StepResult.done();
            });
    Step<Params> three =
        Step.define(
            "three",
            ctx -> {
              append("three");
              return StepResult.done();
            });
    return List.of(one, twoReentrant ? two : two.notReentrant(), three);
  }

  List<String> lines() {
    try {
      return Files.exists(effects) ? Files.readAllLines(effects) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void append(String line) {
    try {
      Files.writeString(effects, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
