package dev.shipmate.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code previews:}, the environments Shipmate makes for pull requests. */
final class PreviewsReader {
  static final Keys KEYS =
      Keys.of(
          "cluster",
          "namespace",
          "host",
          "manifests",
          "ttl",
          "limit",
          "image",
          "github",
          "channel",
          "podSecurity",
          "serviceAccount");
  static final Keys GITHUB = Keys.of("repo");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  /** What a placeholder stands for when checking the shape of a pattern. */
  private static final String SAMPLE_PR = "123";

  private PreviewsReader() {}

  /**
   * @param base the folder {@code manifests} is relative to: the configuration file's folder
   */
  static Optional<Previews> read(YamlMapping previews, Known known, Path base) {
    Optional<String> cluster =
        previews.requiredText(
            "cluster",
            "the cluster previews run on"
                + (known.clusters().isEmpty()
                    ? ""
                    : ": one of " + String.join(", ", known.clusters())));
    Optional<String> badCluster = cluster.flatMap(known::clusterProblem);
    badCluster.ifPresent(m -> previews.errorAt("cluster", m));
    Optional<String> namespace =
        pattern(
            previews,
            "namespace",
            "e.g. namespace: pr-{number}",
            DnsNames::isLabel,
            "a namespace: " + DnsNames.LABEL_RULE);
    Optional<String> host =
        pattern(
            previews,
            "host",
            "e.g. host: pr-{number}.preview.example.com",
            DnsNames::isSubdomain,
            "a host name: lowercase letters, digits, '-' and '.'");
    Optional<String> manifests = manifests(previews, base);
    Duration ttl = previews.read("ttl", YamlValue::duration).orElse(Previews.DEFAULT_TTL);
    int limit = previews.wholeNumber("limit", 1, "previews at once").orElse(Previews.DEFAULT_LIMIT);
    Optional<String> image = previews.text("image");
    image.flatMap(ImageReference::problem).ifPresent(m -> previews.errorAt("image", m));
    Optional<Previews.GitHub> github =
        previews.mapping("github", GITHUB).flatMap(PreviewsReader::github);
    Optional<String> channel = previews.text("channel");
    String podSecurity = previews.text("podSecurity").orElse(Previews.DEFAULT_POD_SECURITY);
    if (!Previews.POD_SECURITY_LEVELS.contains(podSecurity)) {
      previews.errorAt(
          "podSecurity",
          "'"
              + podSecurity
              + "' is not a Pod Security Standard: one of "
              + String.join(", ", Previews.POD_SECURITY_LEVELS)
              + " (default "
              + Previews.DEFAULT_POD_SECURITY
              + ")");
    }
    Optional<Previews.ServiceAccount> serviceAccount =
        previews.text("serviceAccount").flatMap(text -> serviceAccount(previews, text));
    if (cluster.isEmpty()
        || badCluster.isPresent()
        || namespace.isEmpty()
        || host.isEmpty()
        || manifests.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Previews(
            cluster.get(),
            namespace.get(),
            host.get(),
            manifests.get(),
            ttl,
            limit,
            image,
            github,
            channel,
            podSecurity,
            serviceAccount));
  }

  private static Optional<Previews.ServiceAccount> serviceAccount(
      YamlMapping previews, String text) {
    String[] parts = text.split("/", -1);
    if (parts.length == 2 && DnsNames.isLabel(parts[0]) && DnsNames.isSubdomain(parts[1])) {
      return Optional.of(new Previews.ServiceAccount(parts[0], parts[1]));
    }
    previews.errorAt(
        "serviceAccount",
        "'"
            + text
            + "' is not a service account: NAMESPACE/NAME, e.g. serviceAccount: shipmate/shipmate");
    return Optional.empty();
  }

  /**
   * A namespace or host pattern: it must contain the PR number ({@code {number}} or {@code {pr}},
   * else every preview would share one) and no other placeholder, and filled in it must be valid.
   */
  private static Optional<String> pattern(
      YamlMapping previews,
      String key,
      String example,
      java.util.function.Predicate<String> valid,
      String rule) {
    Optional<String> text =
        previews.requiredText(key, "a pattern with {number} for the PR number, " + example);
    if (text.isEmpty()) {
      return text;
    }
    String pattern = text.get();
    Matcher placeholder = PLACEHOLDER.matcher(pattern);
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!name.equals("number") && !name.equals("pr")) {
        previews.errorAt(
            key, "unknown placeholder {" + name + "}: use {number} (or {pr}), " + example);
        return Optional.empty();
      }
    }
    if (!pattern.contains("{number}") && !pattern.contains("{pr}")) {
      previews.errorAt(
          key,
          "no {number} in "
              + YamlValue.quote(pattern)
              + ": every preview needs its own, "
              + example);
      return Optional.empty();
    }
    String filled = pattern.replace("{number}", SAMPLE_PR).replace("{pr}", SAMPLE_PR);
    if (!valid.test(filled)) {
      previews.errorAt(
          key,
          YamlValue.quote(pattern)
              + " gives "
              + YamlValue.quote(filled)
              + ", which is not "
              + rule);
      return Optional.empty();
    }
    return text;
  }

  /** The folder of manifests, made absolute against the configuration file's folder. */
  private static Optional<String> manifests(YamlMapping previews, Path base) {
    Optional<String> text =
        previews.requiredText(
            "manifests",
            "the folder of a preview's manifests, relative to this file's folder, e.g. manifests:"
                + " previews/web");
    if (text.isEmpty()) {
      return text;
    }
    Path folder;
    try {
      folder = base.resolve(text.get()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      previews.errorAt("manifests", "not a usable path: " + e.getReason());
      return Optional.empty();
    }
    if (!Files.isDirectory(folder)) {
      // Only a warning: the file may be validated away from the machine that serves it.
      previews.warningAt(
          "manifests", "no folder " + folder + ": `/env up` fails until it holds the manifests");
    }
    return Optional.of(folder.toString());
  }

  private static Optional<Previews.GitHub> github(YamlMapping github) {
    Optional<String> repo =
        github.requiredText(
            "repo", "the repository whose pull requests get previews, e.g. repo: acme/web");
    if (repo.isPresent() && !REPO.matcher(repo.get()).matches()) {
      github.errorAt(
          "repo", "expected owner/name, like acme/web, got " + YamlValue.quote(repo.get()));
      return Optional.empty();
    }
    return repo.map(Previews.GitHub::new);
  }
}
