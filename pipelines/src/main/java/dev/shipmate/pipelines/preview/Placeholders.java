package dev.shipmate.pipelines.preview;

import dev.shipmate.config.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {name}} placeholders in manifest text and finds the ones left unknown.
 *
 * <p>Only a bare {@code {word}} is a placeholder: {@code ${VAR}} (a shell or envsubst variable in a
 * script or a ConfigMap) and {@code {{ x }}} (a template for another tool) are left alone, and so
 * are YAML comment lines, where a brace means nothing.
 */
final class Placeholders {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?<![$\\{])\\{([A-Za-z][A-Za-z0-9_-]*)\\}(?!\\})");

  /** Names people write for a placeholder that has another name here. */
  private static final Map<String, String> SYNONYMS =
      Map.of("number", "pr", "ns", "namespace", "hostname", "host", "version", "tag");

  private Placeholders() {}

  /** {@code text} with every known placeholder that has a value replaced by it. */
  static String fill(String text, Map<String, Optional<String>> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Optional<String> value = values.getOrDefault(matcher.group(1), Optional.empty());
      matcher.appendReplacement(out, Matcher.quoteReplacement(value.orElse(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * One problem per placeholder in {@code text} (outside comment lines) that is unknown or has no
   * value, with its line: {@code line 12: unknown placeholder {imgae}: did you mean {image}?}.
   */
  static List<String> problems(String text, Map<String, Optional<String>> values) {
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].stripLeading().startsWith("#")) {
        continue;
      }
      Matcher matcher = PLACEHOLDER.matcher(lines[i]);
      while (matcher.find()) {
        String name = matcher.group(1);
        String where = "line " + (i + 1) + ": ";
        if (!values.containsKey(name)) {
          problems.add(where + "unknown placeholder {" + name + "}" + hint(name, values));
        } else if (values.get(name).isEmpty()) {
          problems.add(
              where
                  + "{"
                  + name
                  + "} has no value: set previews."
                  + name
                  + " in the configuration, or write the value into the manifest");
        }
      }
    }
    return problems;
  }

  private static String hint(String name, Map<String, Optional<String>> values) {
    String known = "; the placeholders are {" + String.join("}, {", values.keySet()) + "}";
    String synonym = SYNONYMS.get(name);
    if (synonym != null) {
      return ": did you mean {" + synonym + "}?";
    }
    return values.keySet().stream()
        .filter(candidate -> EditDistance.between(name, candidate) <= 2)
        .min(Comparator.comparingInt(candidate -> EditDistance.between(name, candidate)))
        .map(candidate -> ": did you mean {" + candidate + "}?")
        .orElse(known);
  }
}
