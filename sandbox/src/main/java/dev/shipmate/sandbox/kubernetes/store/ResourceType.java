package dev.shipmate.sandbox.kubernetes.store;

import java.util.List;
import java.util.Set;

/**
 * One kind of object the simulated API server stores and serves, with what discovery says about it.
 *
 * @param group API group, empty for the core group
 * @param version served (and stored) version
 * @param kind object kind, e.g. {@code Deployment}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl's short names, e.g. {@code deploy}
 * @param subresources served subresources: {@code status}, {@code scale}, {@code eviction}, ...
 * @param tracksGeneration whether spec changes bump {@code metadata.generation}
 * @param categories discovery categories, e.g. {@code all}
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> shortNames,
    Set<String> subresources,
    boolean tracksGeneration,
    List<String> categories) {

  public ResourceType {
    shortNames = List.copyOf(shortNames);
    subresources = Set.copyOf(subresources);
    categories = List.copyOf(categories);
  }

  /** {@code v1} or {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** How the API server names the resource in messages: {@code pods}, {@code deployments.apps}. */
  public String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  public String listKind() {
    return kind + "List";
  }

  public boolean hasStatus() {
    return subresources.contains("status");
  }

  /** Identity is group, version and plural: cheap, since every store lookup hashes it. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ResourceType type
        && group.equals(type.group)
        && version.equals(type.version)
        && plural.equals(type.plural);
  }

  @Override
  public int hashCode() {
    return (group.hashCode() * 31 + version.hashCode()) * 31 + plural.hashCode();
  }

  @Override
  public String toString() {
    return groupResource();
  }
}
