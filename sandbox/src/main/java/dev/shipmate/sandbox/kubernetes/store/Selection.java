package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which objects a list or a watch wants: its label and field selectors together. */
public record Selection(LabelQuery labels, FieldQuery fields) {

  public static Selection everything() {
    return new Selection(LabelQuery.everything(), FieldQuery.everything());
  }

  public static Selection parse(String labelSelector, String fieldSelector) {
    return new Selection(LabelQuery.parse(labelSelector), FieldQuery.parse(fieldSelector));
  }

  public boolean matches(ObjectNode object) {
    return object != null && labels.matches(Json.labels(object)) && fields.matches(object);
  }
}
