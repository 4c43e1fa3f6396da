package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector: {@code metadata.name=web}, {@code spec.nodeName=node-1,status.phase!=Failed}.
 * Any dotted path into the object is accepted (a real server accepts only a few per kind), and a
 * missing field compares as the empty string, as it does on a real server.
 */
public final class FieldQuery {

  private record Clause(String path, boolean equals, String value) {
    boolean matches(JsonNode object) {
      JsonNode node = object;
      for (String segment : path.split("\\.")) {
        node = node == null ? null : node.get(segment);
      }
      String actual = node == null || node.isNull() ? "" : node.asText();
      return equals == actual.equals(value);
    }
  }

  private static final FieldQuery EVERYTHING = new FieldQuery(List.of());

  private final List<Clause> clauses;

  private FieldQuery(List<Clause> clauses) {
    this.clauses = List.copyOf(clauses);
  }

  public static FieldQuery everything() {
    return EVERYTHING;
  }

  /**
   * Parses the {@code fieldSelector} query parameter.
   *
   * @throws ApiException 400 when a clause has no operator
   */
  public static FieldQuery parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Clause> clauses = new ArrayList<>();
    for (String part : text.split(",")) {
      String clause = part.trim();
      int notEquals = clause.indexOf("!=");
      int doubleEquals = clause.indexOf("==");
      int equals = clause.indexOf('=');
      if (notEquals > 0) {
        clauses.add(
            new Clause(clause.substring(0, notEquals), false, clause.substring(notEquals + 2)));
      } else if (doubleEquals > 0) {
        clauses.add(
            new Clause(
                clause.substring(0, doubleEquals), true, clause.substring(doubleEquals + 2)));
      } else if (equals > 0) {
        clauses.add(new Clause(clause.substring(0, equals), true, clause.substring(equals + 1)));
      } else {
        throw ApiException.badRequest(
            "invalid selector: '" + text + "'; can't understand '" + clause + "'");
      }
    }
    return new FieldQuery(clauses);
  }

  public boolean matches(JsonNode object) {
    return clauses.stream().allMatch(clause -> clause.matches(object));
  }
}
