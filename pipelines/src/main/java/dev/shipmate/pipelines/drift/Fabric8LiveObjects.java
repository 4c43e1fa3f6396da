package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** {@link LiveObjects} over fabric8: one LIST request per call. */
public final class Fabric8LiveObjects implements LiveObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  public Fabric8LiveObjects(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<JsonNode> list(String apiVersion, String kind, String namespace) {
    var resources = client.genericKubernetesResources(apiVersion, kind);
    List<GenericKubernetesResource> items =
        namespace.isEmpty()
            ? resources.list().getItems()
            : resources.inNamespace(namespace).list().getItems();
    return items.stream().map(item -> (JsonNode) JSON.valueToTree(item)).toList();
  }
}
