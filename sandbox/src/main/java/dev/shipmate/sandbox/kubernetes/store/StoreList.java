package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A list answer: copies of the matching objects and the store version they were read at. */
public record StoreList(List<ObjectNode> items, long resourceVersion) {
  public StoreList {
    items = List.copyOf(items);
  }
}
