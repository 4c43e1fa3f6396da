package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.cloudwatch.AlarmState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cutover's bake under its checks: {@code health.alarm} and the cutover's {@code analysis}, read
 * from the sandbox's CloudWatch stand-in through the real SDK client, beside the HTTP probe.
 */
class CutoverChecksIT {
  @TempDir static Path folder;
  static Database database;

  CutoverHarness h;

  @BeforeAll
  static void openDatabase() {
    database = CutoverHarness.open(folder);
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  /** {@code health.alarm: green-5xx}, and an analysis check on the alarm {@code green-latency}. */
  private void start() {
    h =
        new CutoverHarness(
            database,
            yaml ->
                yaml.replace(
                        "interval: 10s }",
                        "interval: 10s, alarm: green-5xx }\n    analysis: [latency]")
                    + """
                    analysis:
                      latency:
                        cloudwatch: { alarm: green-latency, region: eu-west-1 }
                        interval: 30s
                        count: 3
                        inconclusive: fail
                    """);
    h.aws.cloudWatch().setAlarm(SimulatedAws.REGION, "green-5xx", AlarmState.OK);
    h.aws.cloudWatch().setAlarm("eu-west-1", "green-latency", AlarmState.OK);
  }

  @Test
  @DisplayName("a step baked under an OK alarm and passing checks succeeds, with their figures")
  void passing() {
    start();
    Run run = h.start(CutoverParams.to("www", 25));

    h.wakeUps.advance(Duration.ofMinutes(2));
    assertThat(h.step(run.id(), "bake").progress())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("baking until")
                    .contains("alarm green-5xx OK")
                    .contains("latency alarm OK · 3/3 passed"));
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.aws.cloudWatch().asked()).contains("green-5xx", "green-latency");
  }

  @Test
  @DisplayName(
      "a CloudWatch alarm going to ALARM at the second step reverts it, naming the alarm and state")
  void alarmReverts() {
    start();
    Run run = h.start(CutoverParams.progressive("www", 100, 25, Duration.ofMinutes(10)));
    while (h.route53.changes().size() < 2) {
      h.wakeUps.advance(Duration.ofSeconds(10));
    }
    assertThat(h.weights()).isEqualTo(Map.of("blue", 50L, "green", 50L));

    h.aws
        .cloudWatch()
        .setAlarm(
            SimulatedAws.REGION,
            "green-5xx",
            AlarmState.ALARM,
            "Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (5.0).");
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(10));

    assertThat(finished.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
    assertThat(finished.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("failed at bake")
                    .contains(
                        "green failed its health gate at step 2 of 4: blue 50% · green 50%:"
                            + " CloudWatch alarm green-5xx is ALARM (Threshold Crossed: 1"
                            + " datapoint [42.0] was greater than the threshold (5.0).)"
                            + " (health.alarm)")
                    .contains("back to blue 75% · green 25%")
                    .contains("Rolled back by restore-weights"));
  }

  @Test
  @DisplayName(
      "health.alarm is read while a step waits for --every too: ALARM then reverts that step")
  void alarmWhileWaiting() {
    start();
    Run run = h.start(CutoverParams.progressive("www", 100, 50, Duration.ofMinutes(30)));
    h.wakeUps.advance(Duration.ofMinutes(5));
    assertThat(h.step(run.id(), "bake").progress())
        .hasValueSatisfying(p -> assertThat(p).contains("healthy:").contains("next: green 100%"));

    h.aws.cloudWatch().setAlarm(SimulatedAws.REGION, "green-5xx", AlarmState.ALARM);
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 50L, "green", 50L));
  }

  @Test
  @DisplayName("INSUFFICIENT_DATA follows the check's rule: inconclusive: fail reverts the step")
  void insufficientData() {
    start();
    h.aws.cloudWatch().setAlarm("eu-west-1", "green-latency", AlarmState.INSUFFICIENT_DATA);
    // health.alarm's own INSUFFICIENT_DATA passes: it only must not be in ALARM
    h.aws.cloudWatch().setAlarm(SimulatedAws.REGION, "green-5xx", AlarmState.INSUFFICIENT_DATA);

    Run run = h.start(CutoverParams.to("www", 25));
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
    assertThat(finished.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains(
                        "latency failed: no data (alarm green-latency is INSUFFICIENT_DATA),"
                            + " counted as failed")
                    .contains("CloudWatch alarm: green-latency in eu-west-1"));
  }

  @Test
  @DisplayName("an alarm CloudWatch does not have stops the cutover at once and reverts it")
  void missingAlarm() {
    start();
    h.aws.cloudWatch().deleteAlarm(SimulatedAws.REGION, "green-5xx");

    Run run = h.start(CutoverParams.to("www", 25));
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
    assertThat(finished.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("health.alarm at step 1 of 1")
                    .contains("CloudWatch has no alarm named green-5xx"));
  }
}
