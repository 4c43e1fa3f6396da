package dev.shipmate.config;

import java.util.List;
import java.util.Objects;

/**
 * Which targets a freeze covers, by the names the configuration gives them; {@code *} covers every
 * one of its kind. A freeze of a cluster also covers the environments on it and the previews it
 * hosts: freezing {@code prod-eu} stops deploys to {@code prod}.
 */
public record FreezeScope(List<String> environments, List<String> clusters, List<String> cutovers) {
  public static final String EVERY = "*";

  public FreezeScope {
    environments = List.copyOf(environments);
    clusters = List.copyOf(clusters);
    cutovers = List.copyOf(cutovers);
  }

  /** The scope of one target of a kind: what {@code /freeze prod} covers. */
  public static FreezeScope of(FreezeTarget target) {
    Objects.requireNonNull(target, "target");
    List<String> one = List.of(target.name());
    return switch (target.kind()) {
      case ENVIRONMENT -> new FreezeScope(one, List.of(), List.of());
      case CLUSTER -> new FreezeScope(List.of(), one, List.of());
      case CUTOVER -> new FreezeScope(List.of(), List.of(), one);
    };
  }

  public boolean coversEnvironment(String name) {
    return covers(environments, name);
  }

  public boolean coversCluster(String name) {
    return covers(clusters, name);
  }

  public boolean coversCutover(String name) {
    return covers(cutovers, name);
  }

  /** {@code prod, cluster prod-eu, every cutover}, for a list of freezes. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    append(out, environments, "", "every environment");
    append(out, clusters, "cluster ", "every cluster");
    append(out, cutovers, "cutover ", "every cutover");
    return out.toString();
  }

  private static void append(StringBuilder out, List<String> names, String prefix, String all) {
    for (String name : names) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(name.equals(EVERY) ? all : prefix + name);
    }
  }

  private static boolean covers(List<String> names, String name) {
    return names.contains(EVERY) || names.contains(name);
  }
}
