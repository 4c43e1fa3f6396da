package dev.shipmate.bot.smoke;

import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import dev.shipmate.engine.run.LockKey;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway pipeline, as a newcomer would add one: one step that keeps checking until the run is
 * stopped, so that its card can be seen running.
 */
final class SmokePipeline implements Pipeline<SmokeRequest> {

  static final String TYPE = "smoke";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public char idPrefix() {
    return 's';
  }

  @Override
  public Class<SmokeRequest> paramsType() {
    return SmokeRequest.class;
  }

  @Override
  public LockKey lockKey(SmokeRequest params) {
    return LockKey.of("smoke", params.cluster());
  }

  @Override
  public String summary(SmokeRequest params) {
    return "smoke-test " + params.cluster();
  }

  @Override
  public List<Step<SmokeRequest>> steps() {
    return List.of(
        new Step<>() {
          @Override
          public String name() {
            return "probe";
          }

          @Override
          public StepResult execute(StepContext<SmokeRequest> context) {
            return StepResult.running(Duration.ofMillis(200), "probing");
          }
        });
  }
}
