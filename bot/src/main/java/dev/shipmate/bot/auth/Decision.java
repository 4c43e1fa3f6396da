package dev.shipmate.bot.auth;

import java.util.Objects;

/** Whether someone may do something, and if not, the rule that says so, in words. */
public sealed interface Decision {

  record Allowed() implements Decision {}

  /**
   * @param rule what the rule is and why it refuses: {@code prod: only group:sre may deploy
   *     (deployers); you are not in it.}
   */
  record Refused(String rule) implements Decision {
    public Refused {
      Objects.requireNonNull(rule, "rule");
    }
  }

  static Decision allowed() {
    return new Allowed();
  }

  default boolean isAllowed() {
    return this instanceof Allowed;
  }
}
