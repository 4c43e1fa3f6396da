package dev.shipmate.sandbox.kubernetes.store;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A label selector, from the {@code labelSelector} query parameter or from an object's {@code
 * matchLabels}/{@code matchExpressions}. Unlike fabric8's CRUD mock, set-based requirements ({@code
 * in}, {@code notin}, {@code !key}) are honoured.
 */
public final class LabelQuery {

  private enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  private record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }
  }

  private static final Pattern SET_REQUIREMENT =
      Pattern.compile("^\\s*([^\\s!=]+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");

  private static final LabelQuery EVERYTHING = new LabelQuery(List.of(), false);
  private static final LabelQuery NOTHING = new LabelQuery(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean matchesNothing;

  private LabelQuery(List<Requirement> requirements, boolean matchesNothing) {
    this.requirements = List.copyOf(requirements);
    this.matchesNothing = matchesNothing;
  }

  public static LabelQuery everything() {
    return EVERYTHING;
  }

  /**
   * Parses the query-parameter syntax: {@code app=web,tier!=db,env in (prod,staging),!canary}.
   *
   * @throws ApiException 400 when the selector cannot be parsed
   */
  public static LabelQuery parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : splitOutsideParentheses(text)) {
      requirements.add(parseRequirement(part.trim(), text));
    }
    return new LabelQuery(requirements, false);
  }

  /**
   * Converts an object's selector. A missing selector selects nothing, as it does for a PDB or a
   * Deployment; an empty one selects everything.
   */
  public static LabelQuery of(LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      selector
          .getMatchLabels()
          .forEach(
              (key, value) ->
                  requirements.add(new Requirement(key, Operator.EQUALS, Set.of(value))));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
        Set<String> values =
            expression.getValues() == null ? Set.of() : Set.copyOf(expression.getValues());
        Operator operator =
            switch (expression.getOperator()) {
              case "In" -> Operator.IN;
              case "NotIn" -> Operator.NOT_IN;
              case "Exists" -> Operator.EXISTS;
              case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
              default ->
                  throw ApiException.badRequest(
                      "\"" + expression.getOperator() + "\" is not a valid selector operator");
            };
        requirements.add(new Requirement(expression.getKey(), operator, values));
      }
    }
    return new LabelQuery(requirements, false);
  }

  /** Labels as a map selector: every pair must match. */
  public static LabelQuery ofLabels(Map<String, String> labels) {
    if (labels == null) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    labels.forEach(
        (key, value) -> requirements.add(new Requirement(key, Operator.EQUALS, Set.of(value))));
    return new LabelQuery(requirements, false);
  }

  public boolean matches(Map<String, String> labels) {
    if (matchesNothing) {
      return false;
    }
    Map<String, String> present = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(requirement -> requirement.matches(present));
  }

  private static Requirement parseRequirement(String part, String whole) {
    var set = SET_REQUIREMENT.matcher(part);
    if (set.matches()) {
      Set<String> values = new java.util.LinkedHashSet<>();
      for (String value : set.group(3).split(",")) {
        values.add(value.trim());
      }
      Operator operator = set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN;
      return new Requirement(validKey(set.group(1), whole), operator, values);
    }
    if (part.startsWith("!")) {
      return new Requirement(
          validKey(part.substring(1).trim(), whole), Operator.DOES_NOT_EXIST, Set.of());
    }
    int notEquals = part.indexOf("!=");
    if (notEquals > 0) {
      return new Requirement(
          validKey(part.substring(0, notEquals).trim(), whole),
          Operator.NOT_EQUALS,
          Set.of(part.substring(notEquals + 2).trim()));
    }
    int doubleEquals = part.indexOf("==");
    if (doubleEquals > 0) {
      return new Requirement(
          validKey(part.substring(0, doubleEquals).trim(), whole),
          Operator.EQUALS,
          Set.of(part.substring(doubleEquals + 2).trim()));
    }
    int equals = part.indexOf('=');
    if (equals > 0) {
      return new Requirement(
          validKey(part.substring(0, equals).trim(), whole),
          Operator.EQUALS,
          Set.of(part.substring(equals + 1).trim()));
    }
    return new Requirement(validKey(part, whole), Operator.EXISTS, Set.of());
  }

  private static String validKey(String key, String whole) {
    if (key.isEmpty() || key.contains(" ") || key.contains("(") || key.contains(")")) {
      throw ApiException.badRequest(
          "unable to parse requirement: found '" + key + "' in label selector \"" + whole + "\"");
    }
    return key;
  }

  private static List<String> splitOutsideParentheses(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
