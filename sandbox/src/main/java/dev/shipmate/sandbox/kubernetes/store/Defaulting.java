package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults a real API server fills in, for the kinds whose defaults clients read back:
 * kubectl's rollout status reads {@code spec.replicas}, describe prints the strategy, and the
 * Deployment controller needs {@code progressDeadlineSeconds}.
 */
final class Defaulting {

  private Defaulting() {}

  static void apply(ResourceType type, ObjectNode object) {
    ObjectNode spec = object.get("spec") instanceof ObjectNode node ? node : null;
    switch (type.kind()) {
      case "Deployment" -> {
        spec = spec == null ? object.putObject("spec") : spec;
        putIfMissing(spec, "replicas", 1);
        putIfMissing(spec, "revisionHistoryLimit", 10);
        putIfMissing(spec, "progressDeadlineSeconds", 600);
        ObjectNode strategy = objectField(spec, "strategy");
        if (!strategy.has("type")) {
          strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          ObjectNode rolling = objectField(strategy, "rollingUpdate");
          putIfMissing(rolling, "maxUnavailable", "25%");
          putIfMissing(rolling, "maxSurge", "25%");
        }
        podTemplate(spec);
      }
      case "ReplicaSet" -> {
        spec = spec == null ? object.putObject("spec") : spec;
        putIfMissing(spec, "replicas", 1);
        podTemplate(spec);
      }
      case "StatefulSet" -> {
        spec = spec == null ? object.putObject("spec") : spec;
        putIfMissing(spec, "replicas", 1);
        putIfMissing(spec, "podManagementPolicy", "OrderedReady");
        putIfMissing(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = objectField(spec, "updateStrategy");
        putIfMissing(strategy, "type", "RollingUpdate");
        podTemplate(spec);
      }
      case "DaemonSet" -> {
        spec = spec == null ? object.putObject("spec") : spec;
        putIfMissing(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = objectField(spec, "updateStrategy");
        putIfMissing(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          ObjectNode rolling = objectField(strategy, "rollingUpdate");
          putIfMissing(rolling, "maxUnavailable", 1);
          putIfMissing(rolling, "maxSurge", 0);
        }
        podTemplate(spec);
      }
      case "Pod" -> {
        if (spec != null) {
          podSpec(spec);
          putIfMissing(spec, "serviceAccountName", "default");
          putIfMissing(spec, "serviceAccount", "default");
          putIfMissing(spec, "priority", 0);
          putIfMissing(spec, "enableServiceLinks", true);
          putIfMissing(spec, "preemptionPolicy", "PreemptLowerPriority");
          defaultTolerations(spec);
        }
      }
      case "Service" -> {
        if (spec != null) {
          putIfMissing(spec, "type", "ClusterIP");
          putIfMissing(spec, "sessionAffinity", "None");
          putIfMissing(spec, "internalTrafficPolicy", "Cluster");
          if (spec.path("ports") instanceof ArrayNode ports) {
            for (JsonNode port : ports) {
              if (port instanceof ObjectNode portObject) {
                putIfMissing(portObject, "protocol", "TCP");
                if (!portObject.has("targetPort") && portObject.has("port")) {
                  portObject.set("targetPort", portObject.get("port"));
                }
              }
            }
          }
        }
      }
      case "Namespace" -> {
        ObjectNode labels = objectField(Json.metadata(object), "labels");
        labels.put("kubernetes.io/metadata.name", Json.name(object));
      }
      default -> {
        // Other kinds are stored as written.
      }
    }
  }

  private static void podTemplate(ObjectNode spec) {
    ObjectNode template = objectField(spec, "template");
    podSpec(objectField(template, "spec"));
  }

  private static void podSpec(ObjectNode podSpec) {
    putIfMissing(podSpec, "restartPolicy", "Always");
    putIfMissing(podSpec, "terminationGracePeriodSeconds", 30);
    putIfMissing(podSpec, "dnsPolicy", "ClusterFirst");
    putIfMissing(podSpec, "schedulerName", "default-scheduler");
    if (!podSpec.has("securityContext")) {
      podSpec.putObject("securityContext");
    }
    for (String field : new String[] {"initContainers", "containers"}) {
      if (podSpec.path(field) instanceof ArrayNode containers) {
        for (JsonNode container : containers) {
          if (container instanceof ObjectNode containerObject) {
            container(containerObject);
          }
        }
      }
    }
  }

  private static void container(ObjectNode container) {
    String image = container.path("image").asText("");
    String tag = imageTag(image);
    putIfMissing(
        container,
        "imagePullPolicy",
        tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent");
    putIfMissing(container, "terminationMessagePath", "/dev/termination-log");
    putIfMissing(container, "terminationMessagePolicy", "File");
    if (!container.has("resources")) {
      container.putObject("resources");
    }
    if (container.path("ports") instanceof ArrayNode ports) {
      for (JsonNode port : ports) {
        if (port instanceof ObjectNode portObject) {
          putIfMissing(portObject, "protocol", "TCP");
        }
      }
    }
  }

  private static void defaultTolerations(ObjectNode spec) {
    ArrayNode tolerations =
        spec.get("tolerations") instanceof ArrayNode existing
            ? existing
            : spec.putArray("tolerations");
    for (String key :
        new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
      boolean present = false;
      for (JsonNode toleration : tolerations) {
        present |= key.equals(toleration.path("key").asText());
      }
      if (!present) {
        ObjectNode toleration = tolerations.addObject();
        toleration.put("key", key);
        toleration.put("operator", "Exists");
        toleration.put("effect", "NoExecute");
        toleration.put("tolerationSeconds", 300);
      }
    }
  }

  /** The tag of an image reference, empty when there is none. */
  static String imageTag(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(colon + 1) : "";
  }

  private static ObjectNode objectField(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode node ? node : parent.putObject(field);
  }

  private static void putIfMissing(ObjectNode node, String field, Object value) {
    if (node.hasNonNull(field)) {
      return;
    }
    if (value instanceof Integer number) {
      node.put(field, number);
    } else if (value instanceof Boolean bool) {
      node.put(field, bool);
    } else {
      node.put(field, value.toString());
    }
  }
}
