package dev.shipmate.config;

import java.util.Objects;

/**
 * A configuration value that must never be printed: tokens, signing secrets. {@link #toString()}
 * redacts it, so a config record printed in a log or an error message leaks nothing.
 */
public record Secret(String value) {
  public Secret {
    Objects.requireNonNull(value, "value");
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "<empty>" : "<redacted>";
  }
}
