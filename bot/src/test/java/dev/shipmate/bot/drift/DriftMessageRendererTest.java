package dev.shipmate.bot.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.pipelines.drift.AgedFinding;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.DriftReport;
import dev.shipmate.pipelines.drift.FieldDrift;
import dev.shipmate.pipelines.drift.Finding;
import dev.shipmate.pipelines.drift.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DriftMessageRendererTest {
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  private final DriftMessageRenderer renderer = new DriftMessageRenderer();

  private static DriftReport report(List<Finding> findings) {
    return new DriftReport(NOW, "1a2b3c4d", List.of("prod-eu", "dev"), true, findings);
  }

  private static AgedFinding fresh(Finding f) {
    return new AgedFinding(f, NOW, true, Optional.empty());
  }

  @Test
  @DisplayName("no drift is one line naming what matched and the commit, with no file")
  void noDrift() {
    DriftMessage message = renderer.render(report(List.of()), List.of(), "main");
    assertThat(message.message().text())
        .isEqualTo("No drift: prod-eu, dev and Route53 match git (main@1a2b3c4d).");
    assertThat(message.message().blocks()).hasSize(1);
    assertThat(message.diff()).isEmpty();
  }

  @Test
  @DisplayName("a Secret's change shows its key, never its values, in the message and the file")
  void secret() {
    Finding secret =
        new Finding.Changed(
            "prod-eu",
            new ObjectRef("v1", "Secret", "prod", "db"),
            List.of(new FieldDrift("data.password", FieldDrift.HIDDEN, FieldDrift.HIDDEN)));
    DriftMessage message = renderer.render(report(List.of(secret)), List.of(fresh(secret)), "main");
    assertThat(message.message().blocks().toString())
        .contains("Secret prod/db: data.password: (hidden) → (hidden)");
    assertThat(message.diff().orElseThrow().content())
        .contains("    data.password\n      git:  (hidden)\n      live: (hidden)");
  }

  @Test
  @DisplayName("at most ten drifts are listed, new ones first; the rest are counted")
  void top() {
    List<AgedFinding> aged = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Finding extra =
          new Finding.Extra("prod-eu", new ObjectRef("v1", "ConfigMap", "prod", "c" + i));
      aged.add(
          i < 11
              ? new AgedFinding(extra, NOW.minus(Duration.ofDays(2)), false, Optional.empty())
              : fresh(extra));
    }
    DriftMessage message =
        renderer.render(report(aged.stream().map(AgedFinding::finding).toList()), aged, "main");
    String blocks = message.message().blocks().toString();
    assertThat(message.message().text())
        .isEqualTo("Drift report for prod-eu, dev and Route53: 12 drifts (1 new, 11 persisting).");
    assertThat(blocks)
        .contains("*prod-eu* · `prod`: 12 extra")
        .contains("2 more, and the full diff");
    assertThat(blocks.indexOf("c11")).isLessThan(blocks.indexOf("c0 "));
    assertThat(blocks).contains(":hourglass: for 2d0h");
    assertThat(message.message().blocks().size()).isLessThanOrEqualTo(50);
  }

  @Test
  @DisplayName("snoozed and ignored drift is counted, not listed, and marked in the file")
  void decisions() {
    Finding snoozed = new Finding.Extra("prod-eu", new ObjectRef("v1", "ConfigMap", "prod", "a"));
    Finding ignored = new Finding.WeightsChanged("www", 100, 0, 90, 10);
    List<AgedFinding> aged =
        List.of(
            new AgedFinding(
                snoozed,
                NOW,
                true,
                Optional.of(
                    new Decision(
                        Decision.Kind.SNOOZED,
                        Optional.of(NOW.plus(Duration.ofDays(7))),
                        "testing",
                        "U1",
                        NOW))),
            new AgedFinding(
                ignored,
                NOW,
                true,
                Optional.of(new Decision(Decision.Kind.IGNORED, Optional.empty(), "", "U2", NOW))));
    DriftMessage message = renderer.render(report(List.of(snoozed, ignored)), aged, "main");
    assertThat(message.message().text())
        .isEqualTo(
            "Drift report for prod-eu, dev and Route53: 0 drifts (0 new, 0 persisting) · 1 snoozed"
                + " · 1 ignored.");
    assertThat(message.message().blocks().toString()).doesNotContain(DriftActions.SNOOZE);
    assertThat(message.diff().orElseThrow().content())
        .contains("[snoozed until 2026-11-30 09:00 UTC by U1: testing]")
        .contains("[ignored by U2]");
  }
}
