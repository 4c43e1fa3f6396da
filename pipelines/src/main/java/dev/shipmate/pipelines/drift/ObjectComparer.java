package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares one object as git has it with the same object as the cluster has it, the way {@code
 * kubectl apply} would see a difference, without the noise:
 *
 * <ul>
 *   <li>only fields written in git are compared: what the API server fills in (defaults, status,
 *       managed fields) is not drift. Of {@code metadata}, only labels and annotations are;
 *   <li>an empty list or map in git matches an absent or empty one live;
 *   <li>resource quantities are compared by value ({@code 500m} = {@code 0.5}, {@code 1Gi} = {@code
 *       1024Mi});
 *   <li>lists of named items (containers, env, volumes, ports, ...) are matched by name, so order
 *       does not matter, and a named item live but not in git is drift; other lists by position;
 *   <li>a Secret's values are never shown; its {@code stringData} is compared with the live {@code
 *       data} it becomes;
 *   <li>the fields of {@link IgnoreRules} are left out.
 * </ul>
 */
public final class ObjectComparer {

  /** Where a scalar is a resource quantity, compared by value. */
  private static final Set<String> QUANTITY_PARENTS =
      Set.of("limits", "requests", "hard", "capacity", "overhead", "allocatable");

  /** Fields of the top level that are not the object's content. */
  private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final IgnoreRules ignore;

  public ObjectComparer(IgnoreRules ignore) {
    this.ignore = ignore;
  }

  /** The fields of {@code desired} whose live value differs, in the order of git's document. */
  public List<FieldDrift> compare(ObjectRef ref, JsonNode desired, JsonNode live) {
    boolean secret = ref.kind().equals("Secret") && ref.group().isEmpty();
    JsonNode wanted = secret ? secretAsStored(desired) : desired;
    Walk walk = new Walk(ignore.pointersFor(ref), secret);
    JsonNode metadata = wanted.path("metadata");
    for (String field : List.of("labels", "annotations")) {
      if (metadata.has(field)) {
        walk.compare(
            Path.ROOT.field("metadata").field(field),
            metadata.get(field),
            live.path("metadata").path(field));
      }
    }
    wanted
        .fields()
        .forEachRemaining(
            e -> {
              if (!NOT_CONTENT.contains(e.getKey())) {
                walk.compare(Path.ROOT.field(e.getKey()), e.getValue(), live.path(e.getKey()));
              }
            });
    return walk.drifts;
  }

  /** A Secret as the API server keeps it: {@code stringData} base64-encoded into {@code data}. */
  private static JsonNode secretAsStored(JsonNode desired) {
    if (!desired.has("stringData") || !(desired instanceof ObjectNode object)) {
      return desired;
    }
    ObjectNode copy = object.deepCopy();
    ObjectNode data =
        copy.path("data") instanceof ObjectNode existing ? existing : copy.putObject("data");
    copy.remove("stringData")
        .fields()
        .forEachRemaining(
            e ->
                data.put(
                    e.getKey(),
                    Base64.getEncoder()
                        .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    return copy;
  }

  /** A position in the document: readable text, and the segments ignore pointers match. */
  private record Path(String text, List<List<String>> segments) {
    static final Path ROOT = new Path("", List.of());

    Path field(String name) {
      String readable =
          IDENTIFIER.matcher(name).matches()
              ? (text.isEmpty() ? name : text + "." + name)
              : text + "[\"" + name + "\"]";
      return new Path(readable, append(List.of(name)));
    }

    Path item(int index, Optional<String> key) {
      String label = key.orElse(Integer.toString(index));
      List<String> names =
          key.isPresent() ? List.of(Integer.toString(index), key.get()) : List.of(label);
      return new Path(text + "[" + label + "]", append(names));
    }

    private List<List<String>> append(List<String> names) {
      List<List<String>> next = new ArrayList<>(segments);
      next.add(names);
      return next;
    }

    boolean under(List<String> pointer) {
      if (pointer.size() > segments.size()) {
        return false;
      }
      for (int i = 0; i < pointer.size(); i++) {
        if (!segments.get(i).contains(pointer.get(i))) {
          return false;
        }
      }
      return true;
    }

    String last() {
      return segments.isEmpty() ? "" : segments.get(segments.size() - 1).get(0);
    }

    boolean inQuantities() {
      return segments.stream().anyMatch(s -> QUANTITY_PARENTS.contains(s.get(0)))
          || last().equals("sizeLimit")
          || last().equals("storage");
    }

    boolean inSecretData() {
      return !segments.isEmpty()
          && (segments.get(0).get(0).equals("data") || segments.get(0).get(0).equals("binaryData"));
    }
  }

  private static final class Walk {
    final List<List<String>> ignored;
    final boolean secret;
    final List<FieldDrift> drifts = new ArrayList<>();

    Walk(List<List<String>> ignored, boolean secret) {
      this.ignored = ignored;
      this.secret = secret;
    }

    void compare(Path path, JsonNode desired, JsonNode live) {
      if (ignored.stream().anyMatch(path::under) || desired.isNull()) {
        return;
      }
      boolean liveAbsent = live.isMissingNode() || live.isNull();
      if (desired.isArray() && desired.isEmpty()) {
        if (!liveAbsent && !(live.isArray() && live.isEmpty())) {
          drift(path, desired, live);
        }
        return;
      }
      if (liveAbsent) {
        if (!empty(desired)) {
          drift(path, desired, live);
        }
      } else if (desired.isObject() && live.isObject()) {
        desired
            .fields()
            .forEachRemaining(
                e -> compare(path.field(e.getKey()), e.getValue(), live.path(e.getKey())));
      } else if (desired.isArray() && live.isArray()) {
        compareLists(path, desired, live);
      } else if (desired.isContainerNode() || live.isContainerNode()) {
        drift(path, desired, live);
      } else if (!sameScalar(path, desired, live)) {
        drift(path, desired, live);
      }
    }

    private void compareLists(Path path, JsonNode desired, JsonNode live) {
      Optional<String> keyField = NamedLists.keyField(desired);
      if (keyField.isEmpty() || !NamedLists.allKeyed(live, keyField.get())) {
        if (desired.size() != live.size() && allScalars(desired)) {
          drift(path, desired, live);
          return;
        }
        for (int i = 0; i < desired.size(); i++) {
          compare(path.item(i, Optional.empty()), desired.get(i), live.path(i));
        }
        for (int i = desired.size(); i < live.size(); i++) {
          drift(path.item(i, Optional.empty()), null, live.get(i));
        }
        return;
      }
      String field = keyField.get();
      List<String> wanted = new ArrayList<>();
      for (int i = 0; i < desired.size(); i++) {
        String key = desired.get(i).get(field).asText();
        wanted.add(key);
        compare(path.item(i, Optional.of(key)), desired.get(i), NamedLists.find(live, field, key));
      }
      for (int i = 0; i < live.size(); i++) {
        String key = live.get(i).get(field).asText();
        if (!wanted.contains(key)) {
          drift(path.item(i, Optional.of(key)), null, live.get(i));
        }
      }
    }

    private static boolean allScalars(JsonNode list) {
      for (JsonNode item : list) {
        if (item.isContainerNode()) {
          return false;
        }
      }
      return true;
    }

    /** Absent, null, an empty list, or a map with nothing but empty values in it. */
    private static boolean empty(JsonNode node) {
      if (node.isMissingNode() || node.isNull()) {
        return true;
      }
      if (node.isArray()) {
        return node.isEmpty();
      }
      if (node.isObject()) {
        for (JsonNode child : node) {
          if (!empty(child)) {
            return false;
          }
        }
        return true;
      }
      return false;
    }

    private static boolean sameScalar(Path path, JsonNode desired, JsonNode live) {
      if (desired.isNumber() && live.isNumber()) {
        return desired.decimalValue().compareTo(live.decimalValue()) == 0;
      }
      String a = desired.asText();
      String b = live.asText();
      if (a.equals(b)) {
        return true;
      }
      if (path.inQuantities() && Quantities.sameValue(a, b)) {
        return true;
      }
      // 8080 written as "8080" (or the reverse) is the same number.
      return (desired.isNumber() || live.isNumber()) && sameNumber(a, b);
    }

    private static boolean sameNumber(String a, String b) {
      try {
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private void drift(Path path, JsonNode desired, JsonNode live) {
      drifts.add(new FieldDrift(path.text(), show(path, desired), show(path, live)));
    }

    private String show(Path path, JsonNode value) {
      if (value == null || value.isMissingNode() || value.isNull()) {
        return FieldDrift.ABSENT;
      }
      if (secret && (path.inSecretData() || path.segments().isEmpty())) {
        return FieldDrift.HIDDEN;
      }
      if (secret && path.segments().size() == 1 && path.last().equals("stringData")) {
        return FieldDrift.HIDDEN;
      }
      return value.isValueNode() ? value.asText() : value.toString();
    }
  }
}
