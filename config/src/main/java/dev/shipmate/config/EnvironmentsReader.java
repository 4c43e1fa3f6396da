package dev.shipmate.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code environments:}: where each one lives and who may deploy there. */
final class EnvironmentsReader {
  static final Keys KEYS =
      Keys.of(
              "cluster",
              "namespace",
              "deployers",
              "approvers",
              "approvals",
              "confirm",
              "queue",
              "channel",
              "notify",
              "verify",
              "waves",
              "bake")
          .withHint("operators", "environments name who may deploy with 'deployers'");

  private EnvironmentsReader() {}

  /**
   * @param defaultChannel whether {@code slack.channel} is set, which is where approval requests go
   *     when an environment names no channel
   */
  static Map<String, Environment> read(
      Optional<YamlMapping> environments, Known known, boolean defaultChannel) {
    Map<String, Environment> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : environments.map(YamlMapping::entries).orElse(List.of())) {
      String name = entry.key();
      Optional<String> badName = TypedNames.problem(name);
      badName.ifPresent(message -> environments.get().errorAt(name, message));
      entry
          .value()
          .mapping(KEYS, entry.keyLine())
          .flatMap(environment -> environment(name, environment, known, defaultChannel))
          .filter(e -> badName.isEmpty())
          .ifPresent(e -> result.put(name, e));
    }
    return result;
  }

  private static Optional<Environment> environment(
      String name, YamlMapping environment, Known known, boolean defaultChannel) {
    boolean inWaves = environment.get("waves").isPresent();
    if (inWaves && environment.get("cluster").isPresent()) {
      environment.errorAt(
          "waves",
          "give cluster: (one cluster) or waves: (several, in order), not both: remove cluster:");
      return Optional.empty();
    }
    Optional<List<List<String>>> waves =
        inWaves
            ? environment.read("waves", value -> WavesReader.read(value, known))
            : Optional.empty();
    Optional<Duration> bake = environment.read("bake", YamlValue::duration);
    if (bake.isPresent() && !inWaves) {
      environment.errorAt(
          "bake",
          "bake: is the time between waves: give waves: (several clusters, in order), or remove"
              + " it");
    }
    Optional<String> cluster =
        inWaves
            ? waves.map(w -> w.get(0).get(0))
            : environment.requiredText(
                "cluster",
                "the cluster it runs on: "
                    + (known.clusters().isEmpty()
                        ? "add one under clusters: first"
                        : "one of " + String.join(", ", known.clusters()))
                    + " (or waves: for several clusters in order)");
    if (!inWaves) {
      cluster.flatMap(known::clusterProblem).ifPresent(m -> environment.errorAt("cluster", m));
    }
    Optional<String> namespace =
        environment.requiredText(
            "namespace", "the Kubernetes namespace its services run in, e.g. namespace: " + name);
    Optional<String> badNamespace = namespace.flatMap(DnsNames::labelProblem);
    badNamespace.ifPresent(m -> environment.errorAt("namespace", m));
    Optional<String> channel = environment.text("channel");
    Policy policy = PolicyReader.read(environment, PolicyReader.Role.DEPLOYER, known);
    boolean noDeployersNamed =
        environment.get("deployers").map(YamlValue::isEmptyList).orElse(true);
    if (policy.allowed().isEmpty() && noDeployersNamed) {
      environment.warning(
          "no deployers: anyone in the workspace may deploy to "
              + name
              + " — add deployers: [group:…]");
    }
    if (policy.approvals() > 0 && channel.isEmpty() && !defaultChannel) {
      // The approval request goes to wherever the command was typed, perhaps a DM with the bot.
      environment.warningAt(
          "approvals",
          "approval requests go to the channel the command was typed in, where approvers may not"
              + " look: set channel: (or slack.channel)");
    }
    boolean valid =
        cluster.isPresent()
            && known.clusterProblem(cluster.get()).isEmpty()
            && namespace.isPresent()
            && badNamespace.isEmpty();
    return valid
        ? Optional.of(
            new Environment(
                name,
                cluster.get(),
                namespace.get(),
                policy,
                channel,
                waves.orElse(List.of(List.of(cluster.get()))),
                bake.orElse(Duration.ZERO)))
        : Optional.empty();
  }
}
