package dev.shipmate.bot.validate;

import dev.shipmate.config.ShipmateConfig;

/**
 * What a configuration holds, in one line: {@code 2 clusters, 2 environments, 1 service, previews
 * on, 1 cutover, drift on}.
 */
public final class ConfigSummary {

  private ConfigSummary() {}

  public static String of(ShipmateConfig config) {
    return String.join(
        ", ",
        count(config.clusters().size(), "cluster"),
        count(config.environments().size(), "environment"),
        count(config.services().size(), "service"),
        "previews " + onOff(config.previews().isPresent()),
        count(config.cutovers().size(), "cutover"),
        "drift " + onOff(config.drift().isPresent()));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }
}
