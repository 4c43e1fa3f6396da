package dev.shipmate.bot.auth;

import dev.shipmate.config.Policy;
import java.util.Objects;

/**
 * The rules of the configured target a run acts on: whose list may start it, who approves, how many
 * approvals it needs and whether its buttons ask for confirmation.
 *
 * @param name the target's name in the configuration ({@code prod}, {@code www}, {@code prod-eu})
 * @param role which list of the policy may start runs on it
 */
public record Guard(String name, Policy policy, Role role) {
  public Guard {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(role, "role");
  }
}
