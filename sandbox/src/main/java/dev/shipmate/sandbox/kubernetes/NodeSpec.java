package dev.shipmate.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node to add to the simulated cluster.
 *
 * @param name the node's name
 * @param kubeletVersion e.g. {@code v1.31.4}, what {@code status.nodeInfo.kubeletVersion} reports
 * @param labels extra labels (node group, zone, ...); the well-known ones are added
 * @param providerId {@code spec.providerID}, e.g. {@code aws:///eu-west-1a/i-0abc}; may be null
 * @param taints {@code spec.taints} the node registers with, e.g. {@code
 *     node-role.kubernetes.io/control-plane:NoSchedule}
 */
public record NodeSpec(
    String name,
    String kubeletVersion,
    Map<String, String> labels,
    String providerId,
    List<Taint> taints) {

  public NodeSpec {
    labels = Map.copyOf(labels);
    taints = taints.stream().map(t -> new TaintBuilder(t).build()).toList();
  }

  public NodeSpec(
      String name, String kubeletVersion, Map<String, String> labels, String providerId) {
    this(name, kubeletVersion, labels, providerId, List.of());
  }

  public static NodeSpec of(String name, String kubeletVersion) {
    return new NodeSpec(name, kubeletVersion, Map.of(), null);
  }

  public NodeSpec withLabel(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(labels);
    more.put(key, value);
    return new NodeSpec(name, kubeletVersion, more, providerId, taints);
  }

  public NodeSpec withProviderId(String id) {
    return new NodeSpec(name, kubeletVersion, labels, id, taints);
  }

  /**
   * A taint without a value, e.g. {@code withTaint("node-role.kubernetes.io/control-plane",
   * "NoSchedule")}.
   */
  public NodeSpec withTaint(String key, String effect) {
    List<Taint> more = new ArrayList<>(taints);
    more.add(new TaintBuilder().withKey(key).withEffect(effect).build());
    return new NodeSpec(name, kubeletVersion, labels, providerId, more);
  }
}
