package dev.shipmate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a scalar value with the environment's
 * values; {@code $${} is a literal {@code ${}. Each value is expanded once: a variable's value that
 * itself contains {@code ${…}} is kept as it is, so a secret can never pull in another variable.
 */
final class Interpolator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> environment;

  Interpolator(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The expanded text and, when some reference could not be expanded, why — one per reference. */
  record Expanded(String text, List<String> problems) {
    Expanded {
      problems = List.copyOf(problems);
    }
  }

  Expanded expand(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> problems = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          problems.add(
              "'${' is never closed: write ${NAME} or ${NAME:-default}, or $${ for a literal '${'");
          out.append(text, i, text.length());
          break;
        }
        out.append(resolve(text.substring(i + 2, close), problems));
        i = close + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return new Expanded(out.toString(), problems);
  }

  private String resolve(String reference, List<String> problems) {
    int split = reference.indexOf(":-");
    String name = split < 0 ? reference : reference.substring(0, split);
    String fallback = split < 0 ? null : reference.substring(split + 2);
    if (!NAME.matcher(name).matches()) {
      problems.add(
          "'${"
              + reference
              + "}' is not a variable reference: a name is letters, digits and _ (write $${ for a"
              + " literal '${')");
      return "";
    }
    if (fallback != null && fallback.contains("${")) {
      problems.add(
          "the default of ${"
              + name
              + "} contains '${': a default is plain text, not another"
              + " variable");
      return "";
    }
    String value = environment.get(name);
    // As in a shell, ':-' also replaces a variable that is set but empty.
    if (value != null && !(value.isEmpty() && fallback != null)) {
      return value;
    }
    if (fallback != null) {
      return fallback;
    }
    problems.add(
        "environment variable "
            + name
            + " is not set: set it, or give a default with ${"
            + name
            + ":-default}");
    return "";
  }
}
