package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeTarget;
import dev.shipmate.config.InFlightRule;
import dev.shipmate.config.InFlightRules;
import dev.shipmate.config.Watchdogs;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.run.StepStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.sandbox.aws.AwsFault;
import dev.shipmate.sandbox.aws.route53.Change;
import dev.shipmate.sandbox.aws.route53.ChangeInfo;
import dev.shipmate.sandbox.aws.route53.ResourceRecordSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutover pipeline on the real engine (H2 file, manual clock and wake-ups) against the
 * sandbox's Route53 stand-in through the real SDK client, with a green health endpoint the test
 * turns bad.
 */
class CutoverPipelineIT {
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

  @BeforeEach
  void setUp() {
    h = new CutoverHarness(database);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  @DisplayName("one step: both weights in one batch, INSYNC, a healthy bake, succeeded")
  void singleStep() {
    Run run = h.start(CutoverParams.to("www", 25));

    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
    assertThat(h.route53.changes()).hasSize(1);
    assertThat(h.route53.changes().get(0).comment()).contains(run.id().value()).contains("step 1");
    assertThat(h.step(run.id(), "bake").progress())
        .hasValueSatisfying(p -> assertThat(p).contains("PENDING"));

    // INSYNC after 30 s; not judged before TTL 60 s + bake 2m have passed
    h.wakeUps.advance(Duration.ofMinutes(3));
    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(h.step(run.id(), "bake").progress())
        .hasValueSatisfying(
            p -> assertThat(p).contains("blue 75% · green 25%").contains("baking until"));

    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.route53.changes()).hasSize(1);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
    assertThat(h.green.probes()).isGreaterThanOrEqualTo(18);
  }

  @Test
  @DisplayName("progressive: 25% steps at least 10m apart, each gated, to 100%")
  void progressive() {
    Run run = h.start(CutoverParams.progressive("www", 100, 25, Duration.ofMinutes(10)));

    Run finished = h.runUntilFinished(run.id(), Duration.ofHours(2));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 0L, "green", 100L));
    List<ChangeInfo> changes = h.route53.changes();
    assertThat(changes)
        .extracting(ChangeInfo::comment)
        .allSatisfy(c -> assertThat(c).contains(run.id().value()))
        .satisfiesExactly(
            c -> assertThat(c).contains("step 1 of 4, blue 75% · green 25%"),
            c -> assertThat(c).contains("step 2 of 4, blue 50% · green 50%"),
            c -> assertThat(c).contains("step 3 of 4, blue 25% · green 75%"),
            c -> assertThat(c).contains("step 4 of 4, blue 0% · green 100%"));
    for (int i = 1; i < changes.size(); i++) {
      Instant before = changes.get(i - 1).submittedAt();
      assertThat(Duration.between(before, changes.get(i).submittedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  @DisplayName(
      "with inFlight: cutover: pause, a freeze set mid-way holds the traffic where it is; the"
          + " next step is written only after the freeze ends")
  void freezeHoldsProgressiveCutover() {
    h.restartWith(
        EngineSettings.defaults()
            .withChangeControl(
                InFlightRules.DEFAULTS.with(FreezeBlock.CUTOVER, InFlightRule.PAUSE),
                Watchdogs.DEFAULTS));
    Run run = h.start(CutoverParams.progressive("www", 100, 25, Duration.ofMinutes(10)));
    h.wakeUps.advance(Duration.ofMinutes(5));
    assertThat(h.route53.changes()).hasSize(1);

    h.engine
        .freezes()
        .freeze(
            new FreezeTarget(FreezeTarget.Kind.CUTOVER, "www"),
            Duration.ofHours(1),
            "DNS migration",
            "U7");
    Instant frozenUntil = h.clock.instant().plus(Duration.ofHours(1));
    h.wakeUps.advance(Duration.ofMinutes(50));

    assertThat(h.run(run.id()).isPaused()).isTrue();
    assertThat(h.run(run.id()).pause().flatMap(p -> p.hold()).map(hold -> hold.until()))
        .contains(frozenUntil);
    assertThat(h.route53.changes()).hasSize(1);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));

    Run finished = h.runUntilFinished(run.id(), Duration.ofHours(2));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 0L, "green", 100L));
    assertThat(h.route53.changes().get(1).submittedAt()).isAfterOrEqualTo(frozenUntil);
  }

  @Test
  @DisplayName("a gate failing at the second step puts back the first step's weights: ROLLED_BACK")
  void gateFails() {
    Run run = h.start(CutoverParams.progressive("www", 100, 25, Duration.ofMinutes(10)));
    while (h.route53.changes().size() < 2) {
      h.wakeUps.advance(Duration.ofSeconds(10));
    }
    assertThat(h.weights()).isEqualTo(Map.of("blue", 50L, "green", 50L));

    h.green.answer(503);
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(10));

    assertThat(finished.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
    assertThat(h.route53.changes()).hasSize(3);
    assertThat(finished.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("failed at bake")
                    .contains("green failed its health gate at step 2 of 4")
                    .contains("below the 90% required")
                    .contains("probes succeeded")
                    .contains("last failure: 503")
                    .contains("back to blue 75% · green 25%")
                    .contains("Rolled back by restore-weights"));
  }

  @Test
  @DisplayName("Throttling and PriorRequestNotComplete are retried: the batch is applied once")
  void throttled() {
    h.route53.faults().failNext("ChangeResourceRecordSets", 1, AwsFault.THROTTLING);
    h.route53.faults().failNext("ChangeResourceRecordSets", 1, AwsFault.PRIOR_REQUEST_NOT_COMPLETE);

    Run run = h.start(CutoverParams.to("www", 25));
    assertThat(h.route53.changes()).isEmpty();
    assertThat(h.step(run.id(), "apply-weights").status()).isEqualTo(StepStatus.RUNNING);

    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(10));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.route53.changes()).hasSize(1);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 75L, "green", 25L));
  }

  @Test
  @DisplayName("an abort mid-way puts back the weights from before the run: CANCELLED")
  void abort() {
    Run run = h.start(CutoverParams.progressive("www", 100, 25, Duration.ofMinutes(10)));
    while (h.route53.changes().size() < 2) {
      h.wakeUps.advance(Duration.ofSeconds(10));
    }

    h.engine.cancel(run.id(), "U2");
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(5));

    assertThat(finished.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
    assertThat(finished.message())
        .hasValueSatisfying(
            m -> assertThat(m).contains("cancelled by U2").contains("restore-weights"));
  }

  @Test
  @DisplayName("a record that is missing fails at plan and changes nothing")
  void missingRecord() {
    ResourceRecordSet green =
        h.route53.records(CutoverHarness.ZONE).stream()
            .filter(r -> "green".equals(r.setIdentifier()))
            .findFirst()
            .orElseThrow();
    h.route53.changeResourceRecordSets(
        CutoverHarness.ZONE, "the test removes green", List.of(Change.delete(green)));

    Run run = h.start(CutoverParams.to("www", 25));

    assertThat(h.run(run.id()).status()).isEqualTo(RunStatus.FAILED);
    assertThat(h.run(run.id()).message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("no record with set identifier 'green'")
                    .contains("Nothing needed undoing"));
    assertThat(h.route53.changes()).hasSize(1);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 100L));
  }

  @Test
  @DisplayName("a restart mid-bake resumes the bake, judged again from a fresh INSYNC")
  void restartMidBake() {
    Run run = h.start(CutoverParams.progressive("www", 50, 25, Duration.ofMinutes(5)));
    while (h.route53.changes().size() < 2) {
      h.wakeUps.advance(Duration.ofSeconds(10));
    }
    h.wakeUps.advance(Duration.ofMinutes(1));

    h.restart();
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(30));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 50L, "green", 50L));
    // the second step's weights written again after the restart, which changed nothing
    assertThat(h.route53.changes()).hasSize(3);
    assertThat(h.route53.changes().get(2).comment()).contains("step 2 of 2");
  }

  @Test
  @DisplayName("going down in steps: from 100% back to 0% in 50% steps")
  void stepsDown() {
    h.route53.putWeightedRecord(
        CutoverHarness.ZONE, CutoverHarness.WWW, "CNAME", "blue", 0, 60, "blue.example.com");
    h.route53.putWeightedRecord(
        CutoverHarness.ZONE, CutoverHarness.WWW, "CNAME", "green", 100, 60, "green.example.com");

    Run run = h.start(CutoverParams.progressive("www", 0, 50, Duration.ofMinutes(1)));
    Run finished = h.runUntilFinished(run.id(), Duration.ofMinutes(30));

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.weights()).isEqualTo(Map.of("blue", 100L, "green", 0L));
    assertThat(h.route53.changes()).hasSize(2);
  }
}
