package dev.shipmate.commands;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options given with a command, each with its value already checked. */
final class Options {
  private final Map<Flag, Object> values;

  Options(Map<Flag, Object> values) {
    this.values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
  }

  boolean has(Flag flag) {
    return values.containsKey(flag);
  }

  Set<Flag> given() {
    return values.keySet();
  }

  Optional<String> text(Flag flag) {
    return Optional.ofNullable(values.get(flag)).map(String.class::cast);
  }

  Optional<Integer> percent(Flag flag) {
    return Optional.ofNullable(values.get(flag)).map(Integer.class::cast);
  }

  Optional<Duration> duration(Flag flag) {
    return Optional.ofNullable(values.get(flag)).map(Duration.class::cast);
  }
}
