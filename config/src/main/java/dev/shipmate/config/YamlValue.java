package dev.shipmate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of the YAML tree with where it sits (dotted path, line), read as the type a key
 * expects. Each reader records what is wrong and answers empty, so that reading goes on and every
 * problem of the file is found in one pass.
 */
final class YamlValue {
  private final Node node;
  private final String path;
  private final ReadContext context;

  YamlValue(Node node, String path, ReadContext context) {
    this.node = node;
    this.path = path;
    this.context = context;
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** {@code key:} with nothing after it, {@code ~} or {@code null}: the same as leaving it out. */
  boolean isNull() {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** Whether it is a single value (text, a number, null) rather than a list or a mapping. */
  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isEmptyList() {
    return node instanceof SequenceNode sequence && sequence.getValue().isEmpty();
  }

  void error(String message) {
    context.problems().error(path, line(), message);
  }

  void errorAtLine(int line, String message) {
    context.problems().error(path, line, message);
  }

  /** The scalar's text after interpolation, possibly empty. */
  Optional<String> rawText() {
    if (!(node instanceof ScalarNode scalar)) {
      error("expected text, got " + describe());
      return Optional.empty();
    }
    if (isNull()) {
      return Optional.of("");
    }
    Interpolator.Expanded expanded = context.interpolator().expand(scalar.getValue());
    expanded.problems().forEach(this::error);
    return expanded.problems().isEmpty() ? Optional.of(expanded.text()) : Optional.empty();
  }

  /** The text, trimmed; empty (after interpolation) counts as absent. */
  Optional<String> text() {
    return rawText().map(String::trim).filter(t -> !t.isEmpty());
  }

  Optional<Integer> wholeNumber() {
    return text()
        .flatMap(
            t -> {
              try {
                return Optional.of(Integer.parseInt(t));
              } catch (NumberFormatException e) {
                error("expected a whole number, got " + quote(t));
                return Optional.empty();
              }
            });
  }

  Optional<Double> number() {
    return text()
        .flatMap(
            t -> {
              try {
                double value = Double.parseDouble(t);
                if (Double.isFinite(value) && !t.endsWith("d") && !t.endsWith("f")) {
                  return Optional.of(value);
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              error("expected a number like 0.99, got " + quote(t));
              return Optional.empty();
            });
  }

  Optional<Boolean> bool() {
    return text()
        .flatMap(
            t ->
                switch (t) {
                  case "true" -> Optional.of(true);
                  case "false" -> Optional.of(false);
                  default -> {
                    error("expected true or false, got " + quote(t));
                    yield Optional.empty();
                  }
                });
  }

  Optional<Duration> duration() {
    return text()
        .flatMap(
            t -> {
              Optional<Duration> parsed = Durations.parse(t);
              if (parsed.isEmpty()) {
                boolean zero = t.matches("(0+[smhd])+");
                error(
                    zero
                        ? "expected more than zero, " + Durations.EXPECTED.replaceFirst("^a ", "")
                        : "expected " + Durations.EXPECTED + ", got " + quote(t));
              }
              return parsed;
            });
  }

  /** The items of a list; a lone value instead of a list is an error that shows the list form. */
  Optional<List<YamlValue>> list() {
    if (isNull()) {
      return Optional.of(List.of());
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(
          "expected a list, got "
              + describe()
              + (node instanceof ScalarNode s ? ": write [" + s.getValue() + "]" : ""));
      return Optional.empty();
    }
    List<YamlValue> items = new ArrayList<>();
    List<Node> children = sequence.getValue();
    for (int i = 0; i < children.size(); i++) {
      items.add(new YamlValue(children.get(i), path + "[" + i + "]", context));
    }
    return Optional.of(items);
  }

  /** The non-empty texts of a list of texts; bad items are reported and left out. */
  Optional<List<String>> texts() {
    return texts(text -> Optional.empty());
  }

  /**
   * The texts of a list that pass {@code check}, which answers what is wrong with an item; each bad
   * item is reported at its own line and left out.
   */
  Optional<List<String>> texts(Function<String, Optional<String>> check) {
    return list()
        .map(
            items -> {
              List<String> texts = new ArrayList<>();
              for (YamlValue item : items) {
                Optional<String> text = item.text();
                if (text.isPresent()) {
                  Optional<String> problem = check.apply(text.get());
                  problem.ifPresent(item::error);
                  if (problem.isEmpty()) {
                    texts.add(text.get());
                  }
                } else if (item.node instanceof ScalarNode) {
                  item.error("empty item: remove it or give it a value");
                }
              }
              return texts;
            });
  }

  /** A mapping whose keys must be among {@code keys}. */
  Optional<YamlMapping> mapping(Keys keys, int anchorLine) {
    if (!(node instanceof MappingNode mapping)) {
      error("expected a mapping of " + String.join(", ", keys.allowed()) + ", got " + describe());
      return Optional.empty();
    }
    return Optional.of(new YamlMapping(mapping, path, anchorLine, keys, context));
  }

  /** A mapping of names to entries ({@code clusters:}, {@code environments:} …). */
  Optional<YamlMapping> namedEntries(String whatEachIs, int anchorLine) {
    if (isNull()) {
      return Optional.empty();
    }
    if (!(node instanceof MappingNode mapping)) {
      error("expected a mapping of names to " + whatEachIs + ", got " + describe());
      return Optional.empty();
    }
    return Optional.of(new YamlMapping(mapping, path, anchorLine, null, context));
  }

  String describe() {
    return describe(node);
  }

  /** How a value is named in "expected …, got …": a mapping, a list, or its text quoted. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return node instanceof ScalarNode scalar ? quote(scalar.getValue()) : "an unreadable value";
  }

  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "'" + shown + "'";
  }
}
