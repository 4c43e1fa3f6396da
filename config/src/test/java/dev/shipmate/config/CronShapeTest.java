package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

/**
 * The drift schedule's shape check, held against Quartz's own parser (a test-only dependency): what
 * the check accepts, Quartz accepts; what Quartz refuses, the check refuses.
 */
class CronShapeTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 0 9 ? * MON-FRI",
        "0 0 9 ? * mon-fri",
        "0 */15 * * * ?",
        "0 0/5 8-18 ? * 2-6",
        "30 15 10 L * ?",
        "0 0 12 LW * ?",
        "0 0 12 L-3 * ?",
        "0 0 12 15W * ?",
        "0 0 12 ? * 6L",
        "0 0 12 ? * FRI#3",
        "0 0 12 ? * L",
        "0 0 12 1,15 JAN,JUL ? 2030",
        "0 0 12 1 1-12/3 ? 2026-2030",
        "59 59 23 31 12 ? *",
      })
  @DisplayName("valid schedules pass, and Quartz agrees")
  void valid(String expression) {
    assertThat(CronShape.problem(expression)).isEmpty();
    assertThat(CronExpression.isValidExpression(expression)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 9 * * MON-FRI",
        "0 0 9 * * MON-FRI",
        "0 0 9 ? * ?",
        "0 0 9 * *",
        "0 0 9 ? * MON-FRI 2030 extra",
        "60 0 9 ? * MON",
        "0 60 9 ? * MON",
        "0 0 24 ? * MON",
        "0 0 9 32 * ?",
        "0 0 9 0 * ?",
        "0 0 9 ? 13 MON",
        "0 0 9 ? * 8",
        "0 0 9 ? FOO MON",
        "0 0 9 ? * MON-FUN",
        "0 0 9 ? * MON#6",
        "0 0 9 ? * MON,L",
        "0 ? 9 ? * MON",
        "0 0 9 ? * MON-",
        "every day at nine",
      })
  @DisplayName("invalid schedules are refused, and Quartz refuses them too")
  void invalid(String expression) {
    assertThat(CronShape.problem(expression)).isPresent();
    assertThat(CronExpression.isValidExpression(expression)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 9 L,15 * ?", "0 0 9 ? * MON 1969", "0 0/0 9 ? * MON"})
  @DisplayName("a few oddities Quartz takes are refused here: the check errs on the safe side")
  void stricterThanQuartz(String expression) {
    assertThat(CronShape.problem(expression)).isPresent();
    assertThat(CronExpression.isValidExpression(expression)).isTrue();
  }
}
