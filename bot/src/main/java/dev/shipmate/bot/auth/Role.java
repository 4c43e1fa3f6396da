package dev.shipmate.bot.auth;

/**
 * Which list of a target's policy says who may start its runs, named as the configuration names it:
 * so that a refusal's wording comes from the same place as the check.
 */
public enum Role {
  /** An environment's {@code deployers}: deploys and rollbacks. */
  DEPLOYERS("deployers"),
  /** A cutover's or a cluster's {@code operators}: traffic shifts and upgrades. */
  OPERATORS("operators");

  private final String key;

  Role(String key) {
    this.key = key;
  }

  /** The configuration key of the list: {@code deployers}, {@code operators}. */
  public String key() {
    return key;
  }
}
