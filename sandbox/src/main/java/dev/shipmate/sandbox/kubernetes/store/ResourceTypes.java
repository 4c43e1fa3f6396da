package dev.shipmate.sandbox.kubernetes.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kinds the simulated API server knows: the built-in ones Shipmate's pipelines touch. */
public final class ResourceTypes {

  public static final ResourceType NAMESPACES =
      core("Namespace", "namespaces", false, List.of("ns"), Set.of("status", "finalize"), false);
  public static final ResourceType NODES =
      core("Node", "nodes", false, List.of("no"), Set.of("status"), false);
  public static final ResourceType PODS =
      core("Pod", "pods", true, List.of("po"), Set.of("status", "eviction", "log"), false);
  public static final ResourceType EVENTS =
      core("Event", "events", true, List.of("ev"), Set.of(), false);
  public static final ResourceType DEPLOYMENTS =
      apps("Deployment", "deployments", List.of("deploy"), Set.of("status", "scale"));
  public static final ResourceType REPLICA_SETS =
      apps("ReplicaSet", "replicasets", List.of("rs"), Set.of("status", "scale"));
  public static final ResourceType DAEMON_SETS =
      apps("DaemonSet", "daemonsets", List.of("ds"), Set.of("status"));
  public static final ResourceType POD_DISRUPTION_BUDGETS =
      new ResourceType(
          "policy",
          "v1",
          "PodDisruptionBudget",
          "poddisruptionbudgets",
          true,
          List.of("pdb"),
          Set.of("status"),
          true,
          List.of());

  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
  private final Map<String, ResourceType> byKind = new LinkedHashMap<>();

  private ResourceTypes(List<ResourceType> types) {
    for (ResourceType type : types) {
      byPath.put(pathKey(type.group(), type.version(), type.plural()), type);
      byKind.put(type.apiVersion() + "/" + type.kind(), type);
    }
  }

  /** Every kind the sandbox serves. Only some have controllers; the rest are stored as written. */
  public static ResourceTypes builtIn() {
    List<ResourceType> types = new ArrayList<>();
    types.add(NAMESPACES);
    types.add(NODES);
    types.add(PODS);
    types.add(EVENTS);
    types.add(core("Service", "services", true, List.of("svc"), Set.of("status"), false));
    types.add(core("ConfigMap", "configmaps", true, List.of("cm"), Set.of(), false));
    types.add(core("Secret", "secrets", true, List.of(), Set.of(), false));
    types.add(core("ServiceAccount", "serviceaccounts", true, List.of("sa"), Set.of(), false));
    types.add(core("Endpoints", "endpoints", true, List.of("ep"), Set.of(), false));
    types.add(
        core(
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            true,
            List.of("pvc"),
            Set.of("status"),
            false));
    types.add(DEPLOYMENTS);
    types.add(REPLICA_SETS);
    types.add(DAEMON_SETS);
    types.add(apps("StatefulSet", "statefulsets", List.of("sts"), Set.of("status", "scale")));
    types.add(
        new ResourceType(
            "apps",
            "v1",
            "ControllerRevision",
            "controllerrevisions",
            true,
            List.of(),
            Set.of(),
            false,
            List.of()));
    types.add(POD_DISRUPTION_BUDGETS);
    types.add(
        new ResourceType(
            "networking.k8s.io",
            "v1",
            "Ingress",
            "ingresses",
            true,
            List.of("ing"),
            Set.of("status"),
            true,
            List.of()));
    types.add(
        new ResourceType(
            "batch", "v1", "Job", "jobs", true, List.of(), Set.of("status"), true, List.of("all")));
    types.add(
        new ResourceType(
            "batch",
            "v1",
            "CronJob",
            "cronjobs",
            true,
            List.of("cj"),
            Set.of("status"),
            true,
            List.of("all")));
    types.add(
        new ResourceType(
            "coordination.k8s.io",
            "v1",
            "Lease",
            "leases",
            true,
            List.of(),
            Set.of(),
            false,
            List.of()));
    for (String kind : List.of("Role", "RoleBinding")) {
      types.add(rbac(kind, true));
    }
    for (String kind : List.of("ClusterRole", "ClusterRoleBinding")) {
      types.add(rbac(kind, false));
    }
    return new ResourceTypes(types);
  }

  public Optional<ResourceType> byPath(String group, String version, String plural) {
    return Optional.ofNullable(byPath.get(pathKey(group, version, plural)));
  }

  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    return Optional.ofNullable(byKind.get(apiVersion + "/" + kind));
  }

  public List<ResourceType> all() {
    return List.copyOf(byPath.values());
  }

  private static String pathKey(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  private static ResourceType core(
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      Set<String> subresources,
      boolean tracksGeneration) {
    List<String> categories =
        Set.of("pods", "services").contains(plural) ? List.of("all") : List.of();
    return new ResourceType(
        "", "v1", kind, plural, namespaced, shortNames, subresources, tracksGeneration, categories);
  }

  private static ResourceType apps(
      String kind, String plural, List<String> shortNames, Set<String> subresources) {
    return new ResourceType(
        "apps", "v1", kind, plural, true, shortNames, subresources, true, List.of("all"));
  }

  private static ResourceType rbac(String kind, boolean namespaced) {
    return new ResourceType(
        "rbac.authorization.k8s.io",
        "v1",
        kind,
        kind.toLowerCase(java.util.Locale.ROOT) + "s",
        namespaced,
        List.of(),
        Set.of(),
        false,
        List.of());
  }
}
