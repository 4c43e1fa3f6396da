package dev.shipmate.sandbox.kubernetes.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.controller.TypedStore;
import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code pod-template-hash} of a template and the comparison that ignores it: how the
 * Deployment controller tells its new ReplicaSet from the old ones.
 *
 * <p>The hash is shaped as the real one (FNV-32a, written with the safe alphabet, so names look
 * like {@code web-7d9c6b5f8d}) but is computed over the template's JSON, not Go's struct dump: the
 * same template gives a different hash than on a real cluster.
 */
public final class PodTemplates {

  public static final String HASH_LABEL = "pod-template-hash";
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private PodTemplates() {}

  public static String hash(TypedStore store, PodTemplateSpec template, Integer collisionCount) {
    ObjectNode node = withoutHash(store, template);
    byte[] bytes = Json.write(node).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount != null) {
      for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8)) {
        hash ^= b & 0xff;
        hash *= 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder safe = new StringBuilder();
    for (char c : decimal.toCharArray()) {
      safe.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return safe.toString();
  }

  static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return Objects.equals(a.getSpec(), b.getSpec())
        && labelsWithoutHash(a).equals(labelsWithoutHash(b))
        && annotations(a).equals(annotations(b));
  }

  private static Map<String, String> labelsWithoutHash(PodTemplateSpec template) {
    Map<String, String> labels = new HashMap<>(labelsOf(template));
    labels.remove(HASH_LABEL);
    return labels;
  }

  private static Map<String, String> annotations(PodTemplateSpec template) {
    return template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        ? Map.of()
        : template.getMetadata().getAnnotations();
  }

  private static ObjectNode withoutHash(TypedStore store, PodTemplateSpec template) {
    ObjectNode node = Json.normalized(store.toNode(template));
    if (node.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(HASH_LABEL);
      if (labels.isEmpty()) {
        ((ObjectNode) node.get("metadata")).remove("labels");
      }
    }
    if (node.path("metadata") instanceof ObjectNode metadata && metadata.isEmpty()) {
      node.remove("metadata");
    }
    return node;
  }

  public static Map<String, String> labelsOf(PodTemplateSpec template) {
    return template.getMetadata() == null || template.getMetadata().getLabels() == null
        ? Map.of()
        : template.getMetadata().getLabels();
  }
}
