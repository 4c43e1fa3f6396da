package dev.shipmate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads {@code clusters:}: how each cluster is reached, how it is upgraded, and by whom. */
final class ClustersReader {
  static final Keys KEYS =
      Keys.of("context", "provider", "eks", "asg", "operators", "approvers", "approvals", "confirm")
          .withHint("deployers", "clusters name who may upgrade them with 'operators'");
  static final Keys EKS = Keys.of("name", "region", "nodegroups");
  static final Keys ASG = Keys.of("region", "groups", "controlPlane", "maxUnavailable");

  private ClustersReader() {}

  static Map<String, Cluster> read(Optional<YamlMapping> clusters, Known known) {
    Map<String, Cluster> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : clusters.map(YamlMapping::entries).orElse(List.of())) {
      String name = entry.key();
      Optional<String> badName = TypedNames.problem(name);
      badName.ifPresent(message -> clusters.get().errorAt(name, message));
      entry
          .value()
          .mapping(KEYS, entry.keyLine())
          .flatMap(cluster -> cluster(name, cluster, known))
          .filter(c -> badName.isEmpty())
          .ifPresent(c -> result.put(name, c));
    }
    return result;
  }

  private static Optional<Cluster> cluster(String name, YamlMapping cluster, Known known) {
    Optional<String> context =
        cluster.requiredText(
            "context", "the kubeconfig context that reaches this cluster, e.g. context: " + name);
    Optional<Cluster.Provider> provider = provider(cluster);
    Optional<Cluster.Eks> eks = cluster.mapping("eks", EKS).flatMap(e -> eks(name, e));
    Optional<Cluster.Asg> asg = cluster.mapping("asg", ASG).flatMap(ClustersReader::asg);
    Policy policy = PolicyReader.read(cluster, PolicyReader.Role.OPERATOR, known);
    boolean blocksMatch = provider.map(p -> blocksMatch(cluster, p)).orElse(false);
    if (provider.isPresent()
        && provider.get() != Cluster.Provider.NONE
        && policy.allowed().isEmpty()) {
      cluster.warning(
          "no operators: anyone in the workspace may upgrade cluster "
              + name
              + " — add operators: [group:…]");
    }
    if (context.isEmpty() || provider.isEmpty() || !blocksMatch) {
      return Optional.empty();
    }
    Cluster.Provider p = provider.get();
    boolean complete =
        (p != Cluster.Provider.EKS || eks.isPresent())
            && (p != Cluster.Provider.ASG || asg.isPresent());
    return complete
        ? Optional.of(new Cluster(name, context.get(), p, eks, asg, policy))
        : Optional.empty();
  }

  private static Optional<Cluster.Provider> provider(YamlMapping cluster) {
    Optional<YamlValue> value = cluster.get("provider");
    // An empty value (provider: ${PROVIDER:-}) takes the default, like a missing key.
    Optional<String> text = value.isEmpty() ? Optional.of("") : value.get().rawText();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String name = text.get().trim();
    if (name.isEmpty()) {
      return Optional.of(Cluster.Provider.NONE);
    }
    try {
      return Optional.of(Cluster.Provider.valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      cluster.errorAt(
          "provider",
          "expected eks, asg or none (how Shipmate upgrades the nodes), got "
              + YamlValue.quote(name));
      return Optional.empty();
    }
  }

  /** {@code eks:} goes with provider eks and {@code asg:} with asg; the other is a mistake. */
  private static boolean blocksMatch(YamlMapping cluster, Cluster.Provider provider) {
    boolean ok = true;
    boolean hasEks = cluster.get("eks").isPresent();
    boolean hasAsg = cluster.get("asg").isPresent();
    if (provider == Cluster.Provider.EKS && !hasEks) {
      cluster.missing("eks", "provider: eks needs eks: { name, region, nodegroups: [...] }");
      ok = false;
    }
    if (provider == Cluster.Provider.ASG && !hasAsg) {
      cluster.missing("asg", "provider: asg needs asg: { region, groups: [...] }");
      ok = false;
    }
    if (provider != Cluster.Provider.EKS && hasEks) {
      cluster.errorAt("eks", misplaced("eks", provider));
      ok = false;
    }
    if (provider != Cluster.Provider.ASG && hasAsg) {
      cluster.errorAt("asg", misplaced("asg", provider));
      ok = false;
    }
    return ok;
  }

  private static String misplaced(String block, Cluster.Provider provider) {
    String current = provider.name().toLowerCase(Locale.ROOT);
    return block
        + ": is read only with provider: "
        + block
        + ", and this cluster's provider is "
        + current
        + (provider == Cluster.Provider.NONE ? " (the default)" : "")
        + ": set provider: "
        + block
        + " or remove "
        + block
        + ":";
  }

  private static Optional<Cluster.Eks> eks(String clusterName, YamlMapping eks) {
    String name = eks.text("name").orElse(clusterName);
    Optional<String> region = eks.requiredText("region", "the AWS region, e.g. region: eu-west-1");
    Optional<List<String>> nodegroups =
        eks.requiredTexts(
            "nodegroups", "the managed node groups to upgrade, e.g. nodegroups: [general]");
    return region.isPresent() && nodegroups.isPresent()
        ? Optional.of(new Cluster.Eks(name, region.get(), nodegroups.get()))
        : Optional.empty();
  }

  private static Optional<Cluster.Asg> asg(YamlMapping asg) {
    Optional<String> region = asg.requiredText("region", "the AWS region, e.g. region: eu-west-1");
    Optional<List<String>> groups =
        asg.requiredTexts(
            "groups", "the Auto Scaling groups of worker nodes, e.g. groups: [dev-nodes]");
    Optional<String> controlPlane = asg.text("controlPlane");
    int maxUnavailable =
        asg.wholeNumber("maxUnavailable", 1, "nodes replaced at once")
            .orElse(Cluster.Asg.DEFAULT_MAX_UNAVAILABLE);
    return region.isPresent() && groups.isPresent()
        ? Optional.of(new Cluster.Asg(region.get(), groups.get(), controlPlane, maxUnavailable))
        : Optional.empty();
  }
}
