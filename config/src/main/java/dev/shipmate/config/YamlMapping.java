package dev.shipmate.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping with where it sits, read key by key. Unknown keys, duplicate keys and keys that
 * are not plain names are reported when it is built; merge keys ({@code <<: *defaults}) are
 * followed, the mapping's own keys winning.
 */
final class YamlMapping {
  /** One key of the mapping, its line, and its value. */
  record Entry(String key, int keyLine, YamlValue value) {
    /** For an entry that could not be read although no problem was reported: a bug of ours. */
    void reportUnread() {
      value.errorAtLine(
          keyLine,
          "internal error: this could not be read, yet no problem was found in it (please report"
              + " it)");
    }
  }

  private final String path;
  private final int line;
  private final ReadContext context;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param keys the keys allowed here, or null when the keys are names (of clusters, groups …)
   * @param line the line that stands for the whole mapping: the line of its key
   */
  YamlMapping(MappingNode node, String path, int line, Keys keys, ReadContext context) {
    this.path = path;
    this.line = line;
    this.context = context;
    collect(node, true, keys, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** A section the file leaves out: read as an empty mapping, so that its defaults apply. */
  static YamlMapping absent(String path, Keys keys, ReadContext context) {
    MappingNode nothing = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.AUTO);
    return new YamlMapping(nothing, path, 0, keys, context);
  }

  /**
   * @param own whether these are the mapping's own keys, reported when wrong; keys merged in were
   *     checked where they are written
   * @param visited the mappings read so far, so that one merging itself is read once
   */
  private void collect(MappingNode node, boolean own, Keys keys, Set<Node> visited) {
    visited.add(node);
    List<MappingNode> merged = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      int keyLine = keyNode.getStartMark().getLine() + 1;
      if (Tag.MERGE.equals(keyNode.getTag())) {
        merged.addAll(mergeSources(tuple.getValueNode(), keyLine));
        continue;
      }
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        context
            .problems()
            .error(path, keyLine, "a key must be a plain name, not a list or a mapping");
        continue;
      }
      String key = scalarKey.getValue();
      String keyPath = pathOf(key);
      if (keys != null && !keys.allows(key)) {
        if (own) {
          context.problems().error(keyPath, keyLine, keys.unknown(key));
        }
        continue;
      }
      Entry existing = entries.get(key);
      if (existing != null) {
        if (own) {
          context
              .problems()
              .error(
                  keyPath,
                  keyLine,
                  "duplicate key '"
                      + key
                      + "' (first at line "
                      + existing.keyLine()
                      + "): keep one of them");
        }
        continue;
      }
      entries.put(
          key, new Entry(key, keyLine, new YamlValue(tuple.getValueNode(), keyPath, context)));
    }
    // The own keys are all in, so merged keys only fill gaps, the first merged mapping first.
    for (MappingNode source : merged) {
      if (!visited.contains(source)) {
        collect(source, false, keys, visited);
      }
    }
  }

  private List<MappingNode> mergeSources(Node value, int keyLine) {
    if (value instanceof MappingNode mapping) {
      return List.of(mapping);
    }
    if (value instanceof SequenceNode sequence
        && sequence.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
      return sequence.getValue().stream().map(n -> (MappingNode) n).toList();
    }
    context
        .problems()
        .error(pathOf("<<"), keyLine, "a merge key (<<) takes a mapping or a list of mappings");
    return List.of();
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The line of the key, or of the mapping when the key is absent. */
  int lineOf(String key) {
    Entry entry = entries.get(key);
    return entry == null ? line : entry.keyLine();
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** The entry of a key that has a value. */
  Optional<Entry> entry(String key) {
    return get(key).map(v -> entries.get(key));
  }

  /** The value of a key, absent when the key is missing or has no value. */
  Optional<YamlValue> get(String key) {
    Entry entry = entries.get(key);
    return entry == null || entry.value().isNull() ? Optional.empty() : Optional.of(entry.value());
  }

  void warning(String message) {
    context.problems().warning(path, line, message);
  }

  /** A problem with a key's value, or with the mapping when the key is absent (a default). */
  void errorAt(String key, String message) {
    context.problems().error(pathOf(key), lineOf(key), message);
  }

  void warningAt(String key, String message) {
    context.problems().warning(pathOf(key), lineOf(key), message);
  }

  /** Reports a missing required key on this mapping: which key, and what to put there. */
  void missing(String key, String whatToPut) {
    Entry entry = entries.get(key);
    if (entry != null) {
      // The key is there with no value, or one that is empty after interpolation.
      context.problems().error(pathOf(key), entry.keyLine(), "empty: " + whatToPut);
    } else {
      context.problems().error(path, line, "missing '" + key + "': " + whatToPut);
    }
  }

  Optional<String> text(String key) {
    return get(key).flatMap(YamlValue::text);
  }

  /** The text of a key that must be there; {@code whatToPut} tells how to fill it in. */
  Optional<String> requiredText(String key, String whatToPut) {
    Optional<YamlValue> value = get(key);
    if (value.isEmpty()) {
      missing(key, whatToPut);
      return Optional.empty();
    }
    // rawText reports a list or mapping given for text, and a bad ${...}; only blank is "missing".
    Optional<String> raw = value.get().rawText();
    if (raw.isPresent() && raw.get().isBlank()) {
      missing(key, whatToPut);
      return Optional.empty();
    }
    return raw.map(String::trim);
  }

  <T> Optional<T> read(String key, Function<YamlValue, Optional<T>> reader) {
    return get(key).flatMap(reader);
  }

  Optional<YamlMapping> mapping(String key, Keys keys) {
    return get(key).flatMap(v -> v.mapping(keys, lineOf(key)));
  }

  /** A mapping that must be there; {@code whatToPut} tells how to fill it in. */
  Optional<YamlMapping> requiredMapping(String key, Keys keys, String whatToPut) {
    if (get(key).isEmpty()) {
      missing(key, whatToPut);
      return Optional.empty();
    }
    return mapping(key, keys);
  }

  /** A whole number of at least {@code min}; {@code what} names the unit in the message. */
  Optional<Integer> wholeNumber(String key, int min, String what) {
    return get(key)
        .flatMap(
            value ->
                value
                    .wholeNumber()
                    .filter(
                        n -> {
                          if (n < min) {
                            value.error("expected " + min + " or more " + what + ", got " + n);
                          }
                          return n >= min;
                        }));
  }

  /** A list of texts that must have at least one item; {@code check} judges each item. */
  Optional<List<String>> requiredTexts(
      String key, String whatToPut, Function<String, Optional<String>> check) {
    Optional<YamlValue> value = get(key);
    if (value.isEmpty() || value.get().isEmptyList()) {
      missing(key, whatToPut);
      return Optional.empty();
    }
    // Empty when every item was wrong: each is reported already.
    return value.get().texts(check).filter(list -> !list.isEmpty());
  }

  Optional<List<String>> requiredTexts(String key, String whatToPut) {
    return requiredTexts(key, whatToPut, text -> Optional.empty());
  }
}
