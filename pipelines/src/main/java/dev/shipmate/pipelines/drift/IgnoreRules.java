package dev.shipmate.pipelines.drift;

import dev.shipmate.config.Drift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields left out of the comparison ({@code drift.ignore}): JSON pointers such as {@code
 * /spec/replicas}, for objects of a kind, optionally of one namespace or name. A pointer also
 * leaves out everything below it. A segment matches a list item by position ({@code
 * /spec/template/spec/containers/0/image}) or, in a list of named items, by name ({@code
 * .../containers/web/image}).
 */
public final class IgnoreRules {
  public static final IgnoreRules NONE = new IgnoreRules(List.of());

  private final List<Drift.Ignore> rules;

  public IgnoreRules(List<Drift.Ignore> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The pointers that apply to {@code ref}, each split into its unescaped segments. */
  List<List<String>> pointersFor(ObjectRef ref) {
    List<List<String>> pointers = new ArrayList<>();
    for (Drift.Ignore rule : rules) {
      if (rule.kind().equals(ref.kind())
          && rule.namespace().map(ref.namespace()::equals).orElse(true)
          && rule.name().map(ref.name()::equals).orElse(true)) {
        rule.pointers().forEach(p -> pointers.add(segments(p)));
      }
    }
    return pointers;
  }

  static List<String> segments(String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return List.of();
    }
    String body = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    return Arrays.stream(body.split("/", -1))
        .map(s -> s.replace("~1", "/").replace("~0", "~"))
        .toList();
  }
}
