package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;

/**
 * {@code GET .../pods/NAME/log}: simulated containers print nothing of their own, so the log says
 * what the simulation did (started, crashed with exit code 1, never pulled), enough for {@code
 * kubectl logs} and a pipeline's "last lines of the failing pod" to have something true to show.
 */
final class PodLogs {

  private PodLogs() {}

  static ApiResponse of(ObjectStore store, ApiRequest request) {
    if (!request.method().equals("GET")) {
      throw ApiException.methodNotAllowed("the log of a pod can only be read");
    }
    RequestTarget target = request.target();
    ObjectNode pod = store.require(target.type(), target.namespace(), target.name());
    JsonNode containers = pod.path("spec").path("containers");
    String container = request.param("container");
    if (container == null) {
      if (containers.size() != 1) {
        throw ApiException.badRequest(
            "a container name must be specified for pod "
                + target.name()
                + ", choose one of: "
                + names(containers));
      }
      container = containers.get(0).path("name").asText();
    }
    JsonNode status = null;
    for (JsonNode candidate : pod.path("status").path("containerStatuses")) {
      if (candidate.path("name").asText().equals(container)) {
        status = candidate;
      }
    }
    if (status == null) {
      throw ApiException.badRequest(
          "container \""
              + container
              + "\" in pod \""
              + target.name()
              + "\" is waiting to start: ContainerCreating");
    }
    boolean previous = "true".equals(request.param("previous"));
    JsonNode state = previous ? status.path("lastState") : status.path("state");
    String image = status.path("image").asText();
    if (state.has("waiting") && !previous) {
      String reason = state.path("waiting").path("reason").asText();
      if (reason.contains("ImagePull") || reason.equals("ContainerCreating")) {
        throw ApiException.badRequest(
            "container \""
                + container
                + "\" in pod \""
                + target.name()
                + "\" is waiting to start: "
                + (reason.equals("ContainerCreating")
                    ? "ContainerCreating"
                    : "image can't be pulled"));
      }
      state = status.path("lastState");
    }
    if (state.has("terminated")) {
      JsonNode terminated = state.path("terminated");
      return ApiResponse.plainText(
          terminated.path("startedAt").asText()
              + " sandbox: "
              + image
              + " started\n"
              + terminated.path("finishedAt").asText()
              + " sandbox: simulated crash, exiting with code "
              + terminated.path("exitCode").asInt()
              + "\n");
    }
    if (state.has("running")) {
      return ApiResponse.plainText(
          state.path("running").path("startedAt").asText() + " sandbox: " + image + " started\n");
    }
    throw ApiException.badRequest(
        "previous terminated container \""
            + container
            + "\" in pod \""
            + target.name()
            + "\" not found");
  }

  private static String names(JsonNode containers) {
    StringBuilder names = new StringBuilder();
    for (JsonNode container : containers) {
      names.append(names.length() == 0 ? "" : " ").append(container.path("name").asText());
    }
    return "[" + names + "]";
  }
}
