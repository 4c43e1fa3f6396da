package dev.shipmate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code previews:} — preview environments, one per pull request: the cluster they run on, the
 * namespace and host patterns ({@code {number}} or {@code {pr}} is the PR number), the folder of
 * manifests applied with {@code {image}}, {@code {tag}}, {@code {host}}, {@code {namespace}} and
 * {@code {pr}} filled in, how long one lives, how many may exist at once, the image repository
 * previews run, the GitHub repository whose pull requests drive them, where they report, and the
 * Pod Security Standard their namespaces enforce ({@code pod-security.kubernetes.io/enforce}).
 */
public record Previews(
    String cluster,
    String namespace,
    String host,
    String manifests,
    Duration ttl,
    int limit,
    Optional<String> image,
    Optional<GitHub> github,
    Optional<String> channel,
    String podSecurity,
    Optional<ServiceAccount> serviceAccount) {

  public static final Duration DEFAULT_TTL = Duration.ofHours(72);
  public static final int DEFAULT_LIMIT = 10;

  /** The Pod Security Standard enforced in preview namespaces unless {@code podSecurity} says. */
  public static final String DEFAULT_POD_SECURITY = "baseline";

  /** The levels of Kubernetes' Pod Security Standards, loosest first. */
  public static final java.util.List<String> POD_SECURITY_LEVELS =
      java.util.List.of("privileged", "baseline", "restricted");

  /** Previews that bind no role in their namespaces (a cluster that grants Shipmate otherwise). */
  public Previews(
      String cluster,
      String namespace,
      String host,
      String manifests,
      Duration ttl,
      int limit,
      Optional<String> image,
      Optional<GitHub> github,
      Optional<String> channel,
      String podSecurity) {
    this(
        cluster,
        namespace,
        host,
        manifests,
        ttl,
        limit,
        image,
        github,
        channel,
        podSecurity,
        Optional.empty());
  }

  /** Previews whose namespaces enforce the default Pod Security Standard. */
  public Previews(
      String cluster,
      String namespace,
      String host,
      String manifests,
      Duration ttl,
      int limit,
      Optional<String> image,
      Optional<GitHub> github,
      Optional<String> channel) {
    this(
        cluster,
        namespace,
        host,
        manifests,
        ttl,
        limit,
        image,
        github,
        channel,
        DEFAULT_POD_SECURITY);
  }

  /**
   * {@code serviceAccount: NAMESPACE/NAME} — the service account Shipmate runs as. When set, each
   * preview namespace Shipmate creates gets a RoleBinding of the ClusterRole {@link #OBJECTS_ROLE}
   * to it: Shipmate's right to write a preview's objects then exists only in its previews'
   * namespaces, never cluster-wide (deploy/base/rbac-previews.yaml).
   */
  public record ServiceAccount(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** The ClusterRole bound in each preview namespace for {@link #serviceAccount}. */
  public static final String OBJECTS_ROLE = "shipmate-preview-objects";

  /** {@code github:} — the repository ({@code owner/name}) whose pull requests get previews. */
  public record GitHub(String repo) {}

  public String namespaceFor(int pr) {
    return fill(namespace, pr);
  }

  public String hostFor(int pr) {
    return fill(host, pr);
  }

  private static String fill(String pattern, int pr) {
    String number = Integer.toString(pr);
    return pattern.replace("{number}", number).replace("{pr}", number);
  }
}
