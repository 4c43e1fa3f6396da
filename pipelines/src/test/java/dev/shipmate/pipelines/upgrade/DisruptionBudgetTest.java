package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("which pods a disruption budget covers, and how the card names it")
class DisruptionBudgetTest {

  private static final NodePod WEB =
      new NodePod(
          "prod", "web-1", "node-1", Map.of("app", "web", "tier", "front"), true, false, true);

  @Test
  @DisplayName("match labels and expressions are all required, in the budget's namespace only")
  void covers() {
    assertThat(
            budget("prod", new LabelSelectorBuilder().addToMatchLabels("app", "web").build())
                .covers(WEB))
        .isTrue();
    assertThat(
            budget("staging", new LabelSelectorBuilder().addToMatchLabels("app", "web").build())
                .covers(WEB))
        .isFalse();
    assertThat(
            budget(
                    "prod",
                    new LabelSelectorBuilder()
                        .addToMatchLabels("app", "web")
                        .addNewMatchExpression()
                        .withKey("tier")
                        .withOperator("NotIn")
                        .withValues(List.of("front"))
                        .endMatchExpression()
                        .build())
                .covers(WEB))
        .isFalse();
    assertThat(
            budget(
                    "prod",
                    new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("tier")
                        .withOperator("Exists")
                        .endMatchExpression()
                        .build())
                .covers(WEB))
        .isTrue();
    assertThat(budget("prod", new LabelSelector()).covers(WEB)).as("an empty selector").isTrue();
  }

  @Test
  @DisplayName("named with what it needs and has")
  void describes() {
    assertThat(budget("prod", new LabelSelector()).describe())
        .isEqualTo("PodDisruptionBudget prod/web (needs 2 healthy pods, has 2)");
  }

  @Test
  @DisplayName("a pod refused by a budget is named with it on the card")
  void blockers() {
    DisruptionBudget web =
        budget("prod", new LabelSelectorBuilder().addToMatchLabels("app", "web").build());
    assertThat(NodeDrains.blockers(List.of(WEB), List.of(web)))
        .isEqualTo(
            "prod/web-1 is held by PodDisruptionBudget prod/web (needs 2 healthy pods, has 2)");
  }

  private static DisruptionBudget budget(String namespace, LabelSelector selector) {
    return new DisruptionBudget(namespace, "web", selector, 0, 2, 2);
  }
}
