package dev.shipmate.pipelines.upgrade;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version ({@code 1.32}): what upgrades move by, one at a time. Read from what
 * people type ({@code 1.32}), what kubelets report ({@code v1.32.9}) and what EKS says ({@code
 * 1.32}, {@code v1.32.9-eks-1234}).
 */
public record MinorVersion(int major, int minor) implements Comparable<MinorVersion> {

  private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:[.+\\-].*)?$");

  /** The minor version of a version text, or empty when it names none. */
  public static Optional<MinorVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = VERSION.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new MinorVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
  }

  /**
   * @throws IllegalArgumentException when the text names no version
   */
  public static MinorVersion of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not a Kubernetes version: " + text));
  }

  public MinorVersion next() {
    return new MinorVersion(major, minor + 1);
  }

  public boolean isBefore(MinorVersion other) {
    return compareTo(other) < 0;
  }

  public boolean isAfter(MinorVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(MinorVersion other) {
    int byMajor = Integer.compare(major, other.major);
    return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
