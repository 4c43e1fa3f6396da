package dev.shipmate.sandbox.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PromQL the Prometheus stand-in evaluates, and what it refuses. */
class InstantQueryTest {
  private static final List<Series> SERIES =
      List.of(
          new Series(Map.of("__name__", "http_error_ratio", "deployment", "web"), 0.001),
          new Series(Map.of("__name__", "http_error_ratio", "deployment", "api"), 0.3),
          new Series(Map.of("__name__", "http_request_rate", "deployment", "web"), 40));

  @Test
  @DisplayName("a selector with equality matchers picks series; an aggregation folds them")
  void evaluates() {
    assertThat(InstantQuery.parse("http_error_ratio{deployment=\"api\"}").evaluate(SERIES))
        .containsExactly(SERIES.get(1));
    assertThat(InstantQuery.parse(" max( http_error_ratio ) ").evaluate(SERIES))
        .containsExactly(new Series(Map.of(), 0.3));
    assertThat(InstantQuery.parse("sum(http_error_ratio{})").evaluate(SERIES))
        .containsExactly(new Series(Map.of(), 0.301));
    assertThat(InstantQuery.parse("avg(nothing{a='b',})").evaluate(SERIES)).isEmpty();
  }

  @Test
  @DisplayName("malformed PromQL is a parse error; PromQL beyond the subset says so")
  void refuses() {
    assertThatThrownBy(() -> InstantQuery.parse("max(http_error_ratio"))
        .hasMessage("1:21: parse error: unexpected end of input, expected ')'");
    assertThatThrownBy(() -> InstantQuery.parse("http_error_ratio{deployment=web}"))
        .hasMessage("1:29: parse error: unexpected character 'w' in label matching");
    assertThatThrownBy(() -> InstantQuery.parse("rate(http_requests_total[1m])"))
        .hasMessageContaining("evaluates only selectors and sum/max/min/avg(selector), not rate");
    assertThatThrownBy(() -> InstantQuery.parse("up{code=~\"5..\"}"))
        .hasMessageContaining("only equality matchers");
    assertThatThrownBy(() -> InstantQuery.parse("  "))
        .hasMessage("1:1: parse error: no expression found in input");
  }

  @Test
  @DisplayName("sample values are written as Prometheus writes them")
  void format() {
    assertThat(SimulatedPrometheus.format(0.001)).isEqualTo("0.001");
    assertThat(SimulatedPrometheus.format(40)).isEqualTo("40");
    assertThat(SimulatedPrometheus.format(Double.NaN)).isEqualTo("NaN");
    assertThat(SimulatedPrometheus.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }
}
