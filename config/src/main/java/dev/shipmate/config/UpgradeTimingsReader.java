package dev.shipmate.config;

import java.time.Duration;

/**
 * Reads {@code upgrade:}; each key left out keeps its default. A duration is never zero nor
 * negative: {@link Durations#parse} refuses both, so each timing is positive once read.
 */
final class UpgradeTimingsReader {
  static final Keys KEYS =
      Keys.of("drainTimeout", "joinTimeout", "validateTimeout")
          .withHint("timeout", "say which: 'drainTimeout', 'joinTimeout' or 'validateTimeout'");

  private UpgradeTimingsReader() {}

  static UpgradeTimings read(YamlMapping upgrade) {
    UpgradeTimings defaults = UpgradeTimings.DEFAULTS;
    Duration drain =
        upgrade.read("drainTimeout", YamlValue::duration).orElse(defaults.drainTimeout());
    Duration join = upgrade.read("joinTimeout", YamlValue::duration).orElse(defaults.joinTimeout());
    Duration validate =
        upgrade.read("validateTimeout", YamlValue::duration).orElse(defaults.validateTimeout());
    return new UpgradeTimings(drain, join, validate);
  }
}
