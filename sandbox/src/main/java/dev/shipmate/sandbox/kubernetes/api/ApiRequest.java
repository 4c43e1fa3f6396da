package dev.shipmate.sandbox.kubernetes.api;

import dev.shipmate.sandbox.kubernetes.store.ApiException;
import java.util.List;
import java.util.Map;

/** One request, as the endpoints see it: no Vert.x types past this point. */
record ApiRequest(
    String method,
    RequestTarget target,
    Map<String, List<String>> params,
    String contentType,
    String accept,
    String body) {

  String param(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  boolean dryRun() {
    List<String> values = params.getOrDefault("dryRun", List.of());
    for (String value : values) {
      if (!value.equals("All")) {
        throw ApiException.badRequest(
            "dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
      }
    }
    return !values.isEmpty();
  }

  boolean wantsTable() {
    return accept != null && accept.contains("as=Table");
  }
}
