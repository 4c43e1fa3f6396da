package dev.shipmate.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys allowed in one mapping of the configuration, and hints for keys that belong elsewhere
 * (an environment's {@code operators} is a cluster's word: environments say {@code deployers}).
 */
record Keys(List<String> allowed, Map<String, String> hints) {
  Keys {
    allowed = List.copyOf(allowed);
    hints = Map.copyOf(hints);
  }

  static Keys of(String... allowed) {
    return new Keys(List.of(allowed), Map.of());
  }

  Keys withHint(String misplacedKey, String hint) {
    Map<String, String> more = new HashMap<>(hints);
    more.put(misplacedKey, hint);
    return new Keys(allowed, more);
  }

  boolean allows(String key) {
    return allowed.contains(key);
  }

  /** Why {@code key} is not allowed here, and what to write instead. */
  String unknown(String key) {
    String hint = hints.get(key);
    if (hint != null) {
      return "unknown key '" + key + "': " + hint;
    }
    return Suggestions.closest(key, allowed)
        .map(s -> "unknown key '" + key + "': did you mean '" + s + "'?")
        .orElse("unknown key '" + key + "' (allowed here: " + String.join(", ", allowed) + ")");
  }
}
