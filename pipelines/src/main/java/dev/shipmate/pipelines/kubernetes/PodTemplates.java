package dev.shipmate.pipelines.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What Kubernetes' Deployment controller and kubectl know about pod templates, as we need it. */
public final class PodTemplates {
  /**
   * The label the Deployment controller adds to a ReplicaSet's template, selector and pods, so that
   * each revision's pods can be told apart.
   */
  public static final String HASH_LABEL = "pod-template-hash";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PodTemplates() {}

  /** A copy of {@code template} without the {@code pod-template-hash} label. */
  public static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    PodTemplateSpec copy = SERIALIZATION.clone(template);
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      copy.getMetadata().getLabels().remove(HASH_LABEL);
    }
    return copy;
  }

  /**
   * Whether two templates are the same but for the hash label: how the Deployment controller finds
   * a Deployment's new ReplicaSet and how {@code kubectl rollout undo} sees that there is nothing
   * to do. Compared as JSON, so that an empty list or map equals an absent one, as the API's
   * semantic equality has it.
   */
  public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    if (a == null || b == null) {
      return a == b;
    }
    return tree(withoutHash(a)).equals(tree(withoutHash(b)));
  }

  /** Container name to image, in the template's order. */
  public static Map<String, String> images(PodTemplateSpec template) {
    Map<String, String> images = new LinkedHashMap<>();
    for (Container container : containers(template)) {
      images.put(container.getName(), container.getImage());
    }
    return images;
  }

  /** The template's (regular, not init) containers; empty when it has none. */
  public static List<Container> containers(PodTemplateSpec template) {
    if (template == null
        || template.getSpec() == null
        || template.getSpec().getContainers() == null) {
      return List.of();
    }
    return template.getSpec().getContainers();
  }

  private static JsonNode tree(PodTemplateSpec template) {
    return SERIALIZATION.convertValue(template, JsonNode.class);
  }
}
