package dev.shipmate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code clusters:}: how each cluster is reached, how it is upgraded, and by whom. */
final class ClustersReader {
  static final Keys KEYS =
      Keys.of(
              "context",
              "provider",
              "eks",
              "asg",
              "operators",
              "approvers",
              "approvals",
              "confirm",
              "queue",
              "notify",
              "prometheus",
              "analysis")
          .withHint("deployers", "clusters name who may upgrade them with 'operators'");
  static final Keys EKS = Keys.of("name", "region", "nodegroups");
  static final Keys ASG = Keys.of("region", "groups", "controlPlane", "maxUnavailable", "image");
  static final Keys IMAGE = Keys.of("name", "owner");

  /** The aliases EC2's DescribeImages takes as an owner, besides a 12-digit account id. */
  static final List<String> OWNER_ALIASES =
      List.of("amazon", "self", "aws-marketplace", "aws-backup-vault");

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final String IMAGE_EXAMPLE =
      "e.g. image: { name: \"amazon-eks-node-al2023-x86_64-standard-{version}-*\", owner: amazon }";

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
    if (controlPlane.isPresent() && groups.map(g -> g.contains(controlPlane.get())).orElse(false)) {
      // Rolled twice otherwise: first as the control plane, then again as workers.
      asg.errorAt(
          "controlPlane",
          "'"
              + controlPlane.get()
              + "' is also in groups: list the control-plane group in controlPlane only, and the"
              + " worker groups in groups");
    }
    int maxUnavailable =
        asg.wholeNumber("maxUnavailable", 1, "nodes replaced at once")
            .orElse(Cluster.Asg.DEFAULT_MAX_UNAVAILABLE);
    Optional<Cluster.NodeImage> image =
        asg.get("image").isEmpty()
            ? Optional.of(Cluster.NodeImage.DEFAULT)
            : asg.mapping("image", IMAGE).flatMap(ClustersReader::image);
    return region.isPresent() && groups.isPresent() && image.isPresent()
        ? Optional.of(
            new Cluster.Asg(region.get(), groups.get(), controlPlane, maxUnavailable, image.get()))
        : Optional.empty();
  }

  /**
   * {@code asg.image: { name, owner }}: both are needed once the block is there (an image looked up
   * by name alone could be anyone's); the name has {@code {version}} and no other placeholder.
   */
  private static Optional<Cluster.NodeImage> image(YamlMapping image) {
    Optional<String> name =
        image.requiredText(
            "name",
            "the image name with {version} for the Kubernetes minor version and EC2's wildcards,"
                + " "
                + IMAGE_EXAMPLE);
    Optional<String> owner =
        image.requiredText(
            "owner",
            "the account id or alias (amazon, self, aws-marketplace) that owns the images, "
                + IMAGE_EXAMPLE);
    name = name.filter(n -> imageName(image, n));
    owner = owner.filter(o -> imageOwner(image, o));
    return name.isPresent() && owner.isPresent()
        ? Optional.of(new Cluster.NodeImage(name.get(), owner.get()))
        : Optional.empty();
  }

  private static boolean imageName(YamlMapping image, String name) {
    Matcher placeholder = PLACEHOLDER.matcher(name);
    while (placeholder.find()) {
      if (!placeholder.group(0).equals(Cluster.NodeImage.VERSION)) {
        image.errorAt(
            "name",
            "unknown placeholder "
                + placeholder.group(0)
                + ": use {version} for the Kubernetes minor version, "
                + IMAGE_EXAMPLE);
        return false;
      }
    }
    if (!name.contains(Cluster.NodeImage.VERSION)) {
      image.errorAt(
          "name",
          "no {version} in "
              + YamlValue.quote(name)
              + ": each Kubernetes minor version needs its own image, "
              + IMAGE_EXAMPLE);
      return false;
    }
    return true;
  }

  private static boolean imageOwner(YamlMapping image, String owner) {
    if (ACCOUNT_ID.matcher(owner).matches() || OWNER_ALIASES.contains(owner)) {
      return true;
    }
    image.errorAt(
        "owner",
        "expected a 12-digit AWS account id or one of "
            + String.join(", ", OWNER_ALIASES)
            + ", got "
            + YamlValue.quote(owner)
            + Suggestions.closest(owner, OWNER_ALIASES)
                .map(s -> ": did you mean '" + s + "'?")
                .orElse(""));
    return false;
  }
}
