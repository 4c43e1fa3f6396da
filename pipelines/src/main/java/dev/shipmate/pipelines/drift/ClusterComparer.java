package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One cluster against its manifests: missing, changed and extra objects.
 *
 * <p>The managed namespaces are those git puts objects in (or declares as {@code Namespace}
 * objects); an object there, of a kind git manages, with no counterpart in git, is extra. Objects
 * another object owns ({@code ownerReferences}: ReplicaSets, Pods, ...) and those Kubernetes
 * creates in every namespace are not extra.
 */
public final class ClusterComparer {
  private static final Set<String> CREATED_BY_KUBERNETES =
      Set.of("/ConfigMap/kube-root-ca.crt", "/ServiceAccount/default");

  private final ObjectComparer objects;

  public ClusterComparer(IgnoreRules ignore) {
    this.objects = new ObjectComparer(ignore);
  }

  public List<Finding> compare(String cluster, List<Manifest> manifests, LiveObjects live) {
    Map<ObjectRef, Manifest> desired = new LinkedHashMap<>();
    manifests.forEach(m -> desired.put(m.ref(), m));
    Set<String> namespaces = new LinkedHashSet<>();
    for (Manifest m : manifests) {
      if (!m.ref().clusterScoped()) {
        namespaces.add(m.ref().namespace());
      } else if (m.ref().kind().equals("Namespace")) {
        namespaces.add(m.ref().name());
      }
    }
    // One list call per (kind, namespace): every namespaced kind git uses, in every managed
    // namespace, so that extras are found; cluster-scoped kinds once.
    Map<String, String> kinds = new LinkedHashMap<>(); // group/kind -> apiVersion
    Map<String, String> clusterKinds = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      String kindKey = m.ref().group() + "/" + m.ref().kind();
      (m.ref().clusterScoped() ? clusterKinds : kinds).putIfAbsent(kindKey, m.ref().apiVersion());
    }
    Map<ObjectRef, JsonNode> found = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    List<ObjectRef> extras = new ArrayList<>();
    for (Map.Entry<String, String> kind : clusterKinds.entrySet()) {
      String name = kind.getKey().substring(kind.getKey().indexOf('/') + 1);
      for (JsonNode object : live.list(kind.getValue(), name, "")) {
        found.put(refOf(kind.getValue(), name, "", object), object);
      }
    }
    for (Map.Entry<String, String> kind : kinds.entrySet()) {
      String name = kind.getKey().substring(kind.getKey().indexOf('/') + 1);
      for (String namespace : namespaces) {
        for (JsonNode object : live.list(kind.getValue(), name, namespace)) {
          ObjectRef ref = refOf(kind.getValue(), name, namespace, object);
          found.put(ref, object);
          if (!desired.containsKey(ref) && !ownedOrBuiltIn(ref, object)) {
            extras.add(ref);
          }
        }
      }
    }
    for (Manifest m : desired.values()) {
      JsonNode object = found.get(m.ref());
      if (object == null) {
        findings.add(new Finding.Missing(cluster, m.ref(), m.source()));
        continue;
      }
      List<FieldDrift> fields = objects.compare(m.ref(), m.body(), object);
      if (!fields.isEmpty()) {
        findings.add(new Finding.Changed(cluster, m.ref(), fields));
      }
    }
    extras.stream().sorted().forEach(ref -> findings.add(new Finding.Extra(cluster, ref)));
    return findings;
  }

  private static ObjectRef refOf(String apiVersion, String kind, String namespace, JsonNode o) {
    return new ObjectRef(apiVersion, kind, namespace, o.path("metadata").path("name").asText());
  }

  private static boolean ownedOrBuiltIn(ObjectRef ref, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    if (metadata.path("ownerReferences").size() > 0) {
      return true;
    }
    if (ref.kind().equals("Secret")
        && object.path("type").asText().equals("kubernetes.io/service-account-token")) {
      return true;
    }
    return CREATED_BY_KUBERNETES.contains("/" + ref.kind() + "/" + ref.name());
  }
}
