package dev.shipmate.bot.local;

import dev.shipmate.config.Environment;
import dev.shipmate.config.Principal;
import dev.shipmate.config.ShipmateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code shipmate local} picks when it is not told: the configuration file and the user. */
public final class LocalDefaults {

  /** Who the console acts as when the configuration names no one who may deploy. */
  public static final String FALLBACK_USER = "U0LOCAL";

  private LocalDefaults() {}

  /**
   * {@code --config}, else {@code $SHIPMATE_CONFIG}, else {@code ./shipmate.yaml} if it exists;
   * empty when none is, and local mode then runs the example embedded in the jar ({@link
   * EmbeddedExample}), so that it starts from any folder.
   */
  public static Optional<Path> configFile(
      Optional<Path> named, Map<String, String> env, Path workingDir) {
    if (named.isPresent()) {
      return named;
    }
    String variable = env.getOrDefault("SHIPMATE_CONFIG", "").strip();
    if (!variable.isEmpty()) {
      return Optional.of(Path.of(variable));
    }
    Path own = Path.of("shipmate.yaml");
    return Files.isRegularFile(workingDir.resolve(own)) ? Optional.of(own) : Optional.empty();
  }

  /**
   * Someone allowed to deploy to the first environment: its first deployer named as a user, or the
   * first member of its first deployers group; {@link #FALLBACK_USER} when the configuration has no
   * environment, lets anyone deploy, or names only Slack user groups.
   */
  public static String user(ShipmateConfig config) {
    return config.environments().values().stream()
        .findFirst()
        .map(Environment::policy)
        .flatMap(policy -> firstUser(policy.allowed(), config.groups()))
        .orElse(FALLBACK_USER);
  }

  private static Optional<String> firstUser(
      List<Principal> allowed, Map<String, List<String>> groups) {
    for (Principal principal : allowed) {
      if (principal instanceof Principal.User user) {
        return Optional.of(user.id());
      }
      if (principal instanceof Principal.Group group) {
        List<String> members = groups.getOrDefault(group.name(), List.of());
        if (!members.isEmpty()) {
          return Optional.of(members.get(0));
        }
      }
    }
    return Optional.empty();
  }
}
