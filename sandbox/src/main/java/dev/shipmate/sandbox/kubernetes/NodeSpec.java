package dev.shipmate.sandbox.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node to add to the simulated cluster.
 *
 * @param name the node's name
 * @param kubeletVersion e.g. {@code v1.31.4}, what {@code status.nodeInfo.kubeletVersion} reports
 * @param labels extra labels (node group, zone, ...); the well-known ones are added
 * @param providerId {@code spec.providerID}, e.g. {@code aws:///eu-west-1a/i-0abc}; may be null
 */
public record NodeSpec(
    String name, String kubeletVersion, Map<String, String> labels, String providerId) {

  public NodeSpec {
    labels = Map.copyOf(labels);
  }

  public static NodeSpec of(String name, String kubeletVersion) {
    return new NodeSpec(name, kubeletVersion, Map.of(), null);
  }

  public NodeSpec withLabel(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(labels);
    more.put(key, value);
    return new NodeSpec(name, kubeletVersion, more, providerId);
  }

  public NodeSpec withProviderId(String id) {
    return new NodeSpec(name, kubeletVersion, labels, id);
  }
}
