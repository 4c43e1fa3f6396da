package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.quartz.CronExpression;

/** Properties that hold for any input, not only the ones we thought of. */
class ConfigLoaderProperties {
  private static final String EXAMPLE;

  static {
    try {
      EXAMPLE = Files.readString(Configs.EXAMPLE);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ConfigLoader loader = new ConfigLoader(Map.of("SLACK_BOT_TOKEN", "xoxb-1"));

  @Property(tries = 100)
  void parseNeverThrowsOnArbitraryText(@ForAll("yamlish") String text) {
    LoadResult result = loader.parse(text, "arbitrary.yaml");
    assertNoInternalError(result);
  }

  @Property(tries = 100)
  void parseNeverThrowsOnAMutilatedExample(@ForAll("mutatedExample") String text) {
    LoadResult result = loader.parse(text, "mutated.yaml");
    assertNoInternalError(result);
  }

  /** What the shape check lets through, Quartz parses: the check is never too lenient. */
  @Property(tries = 300)
  void cronShapeAcceptsOnlyWhatQuartzAccepts(@ForAll("cronLike") String expression) {
    boolean accepted = CronShape.problem(expression).isEmpty();
    Statistics.label("shape check")
        .collect(accepted ? "accepted" : "refused")
        .coverage(c -> c.check("accepted").percentage(p -> p > 20));
    if (accepted) {
      assertThat(CronExpression.isValidExpression(expression)).as(expression).isTrue();
    }
  }

  private static void assertNoInternalError(LoadResult result) {
    // Either a configuration or at least one error, never a bug of ours dressed as a problem.
    assertThat(result.ok() || !result.errors().isEmpty()).isTrue();
    assertThat(result.problems()).noneMatch(p -> p.message().startsWith("internal error"));
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "slack",
            "store",
            "clusters",
            "environments",
            "previews",
            "cutovers",
            "drift",
            "groups",
            "services",
            ":",
            ": ",
            "\n",
            "\n  ",
            "\n    ",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&a ",
            "*a",
            "<<: ",
            "${",
            "${X}",
            "${SLACK_BOT_TOKEN:-}",
            "$${",
            "}",
            "'",
            "\"",
            "#",
            "?",
            "!!str ",
            "~",
            "null",
            "0",
            "-1",
            "1.5",
            "true",
            "yes",
            "72h",
            "prod",
            "dev",
            "group:sre",
            "U01A",
            "cluster",
            "namespace",
            "approvals",
            "provider",
            "eks",
            "asg",
            "health",
            "url",
            "schedule",
            "0 0 9 ? * MON-FRI",
            "{number}",
            "\t",
            "---",
            "...",
            "é",
            "\u0000");
    return tokens.list().ofMaxSize(60).map(list -> String.join("", list));
  }

  @Provide
  Arbitrary<String> mutatedExample() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, EXAMPLE.length());
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 40);
    Arbitrary<String> insert = Arbitraries.of("", " ", "\n", ":", "- ", "{", "[", "${", "x", "  ");
    return Combinators.combine(position, length, insert)
        .as(
            (at, cut, text) -> {
              int end = Math.min(EXAMPLE.length(), at + cut);
              return EXAMPLE.substring(0, at) + text + EXAMPLE.substring(end);
            });
  }

  /**
   * Six or seven fields, each mostly a valid value and sometimes one just past an edge (out of
   * range, a reversed range, a misplaced L W # ?), so that both verdicts come up often.
   */
  @Provide
  Arbitrary<String> cronLike() {
    Arbitrary<String> seconds =
        field(of("0", "59", "*", "*/5", "0/15", "10-20", "5,10"), of("60", "20-10", "*/60", "?"));
    Arbitrary<String> hours =
        field(of("0", "9", "23", "*", "*/2", "8-18", "8-18/2", "1,13"), of("24", "18-8", "L"));
    Arbitrary<String> dayOfMonth =
        field(
            of("1", "31", "*", "L", "LW", "L-3", "15W", "1,15", "1-31/7"),
            of("32", "0", "L-31", "32W", "L,15"));
    Arbitrary<String> month =
        field(
            of("*", "1", "12", "JAN", "DEC", "JAN-JUN", "1-12/3"), of("13", "JUN-JAN", "FOO", "0"));
    Arbitrary<String> dayOfWeek =
        field(
            of("1", "7", "MON", "MON-FRI", "L", "6L", "FRI#3", "SUN,SAT", "*"),
            of("8", "FRI-MON", "FRI#6", "MON,L"));
    Arbitrary<String> year =
        field(of("", "", " *", " 2030", " 1970", " 2099", " 2026-2030"), of(" 1969", " 2100"));
    // Quartz wants '?' in exactly one of the two day fields; mostly give it that.
    Arbitrary<Integer> question =
        Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(4, 1), Tuple.of(1, 2), Tuple.of(1, 3));
    Arbitrary<String> days =
        Combinators.combine(dayOfMonth, month, dayOfWeek, question)
            .as(
                (dom, mon, dow, q) ->
                    switch (q) {
                      case 0 -> "? " + mon + " " + dow;
                      case 1 -> dom + " " + mon + " ?";
                      case 2 -> "? " + mon + " ?";
                      default -> dom + " " + mon + " " + dow;
                    });
    return Combinators.combine(seconds, seconds, hours, days, year)
        .as((s, m, h, d, y) -> s + " " + m + " " + h + " " + d + y);
  }

  private static Arbitrary<String> of(String... values) {
    return Arbitraries.of(values);
  }

  private static Arbitrary<String> field(Arbitrary<String> valid, Arbitrary<String> edge) {
    return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(1, edge));
  }
}
