package dev.shipmate.pipelines.drift;

import java.util.Objects;

/**
 * One field whose live value differs from git's.
 *
 * @param path where, readable: {@code spec.template.spec.containers[web].image}; items of named
 *     lists by name, other items by position
 * @param desired the value in git, as text; {@link #ABSENT} when git does not have it (an extra
 *     item of a named list), {@link #HIDDEN} for a Secret's value
 * @param live the live value, likewise
 */
public record FieldDrift(String path, String desired, String live) {
  public static final String ABSENT = "(absent)";
  public static final String HIDDEN = "(hidden)";

  public FieldDrift {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(live, "live");
  }

  /** {@code spec.replicas: 3 → 5}. */
  public String describe() {
    return path + ": " + desired + " → " + live;
  }
}
