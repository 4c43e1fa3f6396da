package dev.shipmate.pipelines.upgrade;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget as a drain meets it: which pods it covers and how many it lets go now.
 *
 * @param healthy {@code status.currentHealthy}
 * @param desiredHealthy {@code status.desiredHealthy}
 */
public record DisruptionBudget(
    String namespace,
    String name,
    LabelSelector selector,
    int disruptionsAllowed,
    int healthy,
    int desiredHealthy) {

  /** {@code PodDisruptionBudget prod/web (needs 2 healthy pods, has 2)}. */
  public String describe() {
    return "PodDisruptionBudget "
        + namespace
        + "/"
        + name
        + " (needs "
        + desiredHealthy
        + " healthy "
        + (desiredHealthy == 1 ? "pod" : "pods")
        + ", has "
        + healthy
        + ")";
  }

  public boolean blocks() {
    return disruptionsAllowed <= 0;
  }

  /**
   * Whether it covers the pod: same namespace, selector matches (an empty selector matches all).
   */
  public boolean covers(NodePod pod) {
    if (!namespace.equals(pod.namespace()) || selector == null) {
      return false;
    }
    Map<String, String> labels = pod.labels();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null || expressions.stream().allMatch(e -> matches(e, labels));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
