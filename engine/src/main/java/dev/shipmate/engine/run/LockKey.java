package dev.shipmate.engine.run;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a run holds exclusively while it is active: {@code deploy:prod/web}, {@code cutover:www},
 * {@code cluster:prod-eu}. A kind, a colon and a name; no spaces.
 */
public record LockKey(String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9-]*:\\S+");
  public static final int MAX_LENGTH = 200;

  public LockKey {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a lock key: kind:name without spaces, e.g. deploy:prod/web");
    }
  }

  public static LockKey of(String kind, String name) {
    return new LockKey(kind + ":" + name);
  }

  @Override
  public String toString() {
    return value;
  }
}
