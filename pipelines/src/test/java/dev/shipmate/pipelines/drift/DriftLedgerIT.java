package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on an H2 file migrated by the engine's Flyway migrations. */
class DriftLedgerIT {
  private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
  private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "prod", "web");
  private static final ObjectRef DEBUG = new ObjectRef("v1", "ConfigMap", "prod", "debug");

  @TempDir Path folder;
  private Database database;
  private DriftLedger ledger;

  @BeforeEach
  void open() {
    database =
        Database.open(
            new StoreSettings(
                "jdbc:h2:file:" + folder.resolve("shipmate").toAbsolutePath(),
                Optional.empty(),
                Optional.empty()),
            2);
    ledger = new DriftLedger(database.dataSource());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static DriftReport report(Instant at, Finding... findings) {
    return new DriftReport(at, "abcdef12", List.of("prod-eu"), true, List.of(findings));
  }

  @Test
  @DisplayName("drift seen again keeps its first sighting; drift that went away is new when back")
  void ages() {
    Finding changed =
        new Finding.Changed("prod-eu", WEB, List.of(new FieldDrift("spec.replicas", "2", "5")));
    Finding extra = new Finding.Extra("prod-eu", DEBUG);

    List<AgedFinding> first = ledger.remember(report(MONDAY, changed));
    assertThat(first).singleElement().satisfies(a -> assertThat(a.isNew()).isTrue());

    Instant tuesday = MONDAY.plus(Duration.ofDays(1));
    List<AgedFinding> second = ledger.remember(report(tuesday, changed, extra));
    assertThat(second)
        .extracting(AgedFinding::isNew, AgedFinding::firstSeen)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, MONDAY),
            org.assertj.core.groups.Tuple.tuple(true, tuesday));

    Instant wednesday = tuesday.plus(Duration.ofDays(1));
    ledger.remember(report(wednesday, extra));
    Instant thursday = wednesday.plus(Duration.ofDays(1));
    assertThat(ledger.remember(report(thursday, changed, extra)))
        .extracting(AgedFinding::isNew)
        .containsExactly(true, false);
  }

  @Test
  @DisplayName("a report of one cluster leaves what other scopes found alone")
  void scopes() {
    Finding weights = new Finding.WeightsChanged("www", 100, 0, 75, 25);
    ledger.remember(report(MONDAY, weights));
    Instant later = MONDAY.plus(Duration.ofHours(1));
    ledger.remember(new DriftReport(later, "abcdef12", List.of("prod-eu"), false, List.of()));
    assertThat(ledger.remember(report(later.plusSeconds(60), weights)))
        .singleElement()
        .satisfies(a -> assertThat(a.firstSeen()).isEqualTo(MONDAY));
  }

  @Test
  @DisplayName("a snooze hides a drift until it ends; an ignore for good")
  void decisions() {
    Finding changed = new Finding.Changed("prod-eu", WEB, List.of());
    Finding extra = new Finding.Extra("prod-eu", DEBUG);
    ledger.decide(
        changed.key(),
        new Decision(
            Decision.Kind.SNOOZED,
            Optional.of(MONDAY.plus(Duration.ofDays(7))),
            "autoscaler experiment",
            "U1",
            MONDAY));
    ledger.decide(
        extra.key(), new Decision(Decision.Kind.IGNORED, Optional.empty(), "", "U2", MONDAY));

    List<AgedFinding> aged = ledger.remember(report(MONDAY.plusSeconds(1), changed, extra));
    assertThat(aged).noneMatch(a -> a.open(MONDAY.plusSeconds(1)));
    assertThat(aged.get(0).decision().orElseThrow().reason()).isEqualTo("autoscaler experiment");
    Instant later = MONDAY.plus(Duration.ofDays(8));
    assertThat(aged).extracting(a -> a.open(later)).containsExactly(true, false);
  }
}
