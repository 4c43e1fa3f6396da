package dev.shipmate.sandbox.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PromQL the stand-in understands: a vector selector with equality matchers, {@code
 * metric{label="value", …}}, optionally inside one aggregation, {@code sum(…)}, {@code max(…)},
 * {@code min(…)} or {@code avg(…)}. Anything else is refused as bad_data: malformed text as
 * Prometheus would, well-formed PromQL beyond these shapes with a message saying so.
 */
final class InstantQuery {
  static final List<String> AGGREGATIONS = List.of("sum", "max", "min", "avg");

  private final Optional<String> aggregation;
  private final String metric;
  private final Map<String, String> matchers;

  private InstantQuery(Optional<String> aggregation, String metric, Map<String, String> matchers) {
    this.aggregation = aggregation;
    this.metric = metric;
    this.matchers = Map.copyOf(matchers);
  }

  /** Thrown for a query that is not PromQL, or not PromQL the stand-in evaluates. */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }

  static InstantQuery parse(String text) {
    return new Parser(text).query();
  }

  /** The result vector: the matching series, or their aggregate (empty when none match). */
  List<Series> evaluate(List<Series> all) {
    List<Series> matching = new ArrayList<>();
    for (Series series : all) {
      if (series.name().equals(metric)
          && matchers.entrySet().stream()
              .allMatch(m -> m.getValue().equals(series.labels().getOrDefault(m.getKey(), "")))) {
        matching.add(series);
      }
    }
    if (aggregation.isEmpty() || matching.isEmpty()) {
      if (aggregation.isEmpty()) {
        return matching;
      }
      return List.of();
    }
    double[] values = matching.stream().mapToDouble(Series::value).toArray();
    double result =
        switch (aggregation.get()) {
          case "sum" -> java.util.Arrays.stream(values).sum();
          case "max" -> java.util.Arrays.stream(values).max().orElseThrow();
          case "min" -> java.util.Arrays.stream(values).min().orElseThrow();
          default -> java.util.Arrays.stream(values).average().orElseThrow();
        };
    return List.of(new Series(Map.of(), result));
  }

  /** A small recursive-descent reader of the shapes above, with Prometheus-like messages. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    InstantQuery query() {
      skipSpace();
      if (at >= text.length()) {
        throw new BadQuery("1:1: parse error: no expression found in input");
      }
      String name = identifier("a metric name or an aggregation");
      skipSpace();
      Optional<String> aggregation = Optional.empty();
      if (peek('(')) {
        if (!AGGREGATIONS.contains(name)) {
          throw new BadQuery(
              "the sandbox's Prometheus evaluates only selectors and "
                  + String.join("/", AGGREGATIONS)
                  + "(selector), not "
                  + name
                  + "(…)");
        }
        aggregation = Optional.of(name);
        at++;
        skipSpace();
        name = identifier("a metric name");
        skipSpace();
      }
      Map<String, String> matchers = peek('{') ? matchers() : Map.of();
      skipSpace();
      if (aggregation.isPresent()) {
        expect(')');
        skipSpace();
      }
      if (at < text.length()) {
        throw new BadQuery(
            position() + ": parse error: unexpected character '" + text.charAt(at) + "'");
      }
      return new InstantQuery(aggregation, name, matchers);
    }

    private Map<String, String> matchers() {
      Map<String, String> matchers = new LinkedHashMap<>();
      at++; // {
      skipSpace();
      while (!peek('}')) {
        String label = identifier("a label name");
        skipSpace();
        if (text.startsWith("=~", at) || text.startsWith("!=", at) || text.startsWith("!~", at)) {
          throw new BadQuery(
              "the sandbox's Prometheus evaluates only equality matchers (label=\"value\"), not "
                  + text.substring(at, at + 2));
        }
        expect('=');
        skipSpace();
        matchers.put(label, string());
        skipSpace();
        if (peek(',')) {
          at++;
          skipSpace();
        } else if (!peek('}')) {
          throw new BadQuery(
              position() + ": parse error: unexpected " + describe() + " in label matching");
        }
      }
      at++; // }
      return matchers;
    }

    private String string() {
      if (!peek('"') && !peek('\'')) {
        throw new BadQuery(
            position() + ": parse error: unexpected " + describe() + " in label matching");
      }
      char quote = text.charAt(at++);
      int start = at;
      while (at < text.length() && text.charAt(at) != quote) {
        at++;
      }
      if (at >= text.length()) {
        throw new BadQuery(position() + ": parse error: unterminated quoted string");
      }
      return text.substring(start, at++);
    }

    private String identifier(String what) {
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at))
              || text.charAt(at) == '_'
              || text.charAt(at) == ':')) {
        at++;
      }
      if (start == at || Character.isDigit(text.charAt(start))) {
        throw new BadQuery(
            position() + ": parse error: unexpected " + describe() + ", expected " + what);
      }
      return text.substring(start, at);
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw new BadQuery(
            position() + ": parse error: unexpected " + describe() + ", expected '" + c + "'");
      }
      at++;
    }

    private boolean peek(char c) {
      return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private String describe() {
      return at >= text.length() ? "end of input" : "character '" + text.charAt(at) + "'";
    }

    private String position() {
      return "1:" + (at + 1);
    }
  }
}
