package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What runs in one cluster, read one list call per kind and namespace — never one per object. */
public interface LiveObjects {

  /**
   * Every object of a kind in a namespace, or cluster-wide for {@code namespace} empty.
   *
   * @param apiVersion e.g. {@code apps/v1}
   */
  List<JsonNode> list(String apiVersion, String kind, String namespace);
}
