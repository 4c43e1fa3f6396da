package dev.shipmate.sandbox.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Label selectors, equality- and set-based")
class LabelQueryTest {

  private static final Map<String, String> WEB_PROD = Map.of("app", "web", "env", "prod");

  @Test
  @DisplayName("equality, inequality and existence")
  void equality() {
    assertThat(LabelQuery.parse("app=web").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("app==web,env!=dev").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("app=api").matches(WEB_PROD)).isFalse();
    assertThat(LabelQuery.parse("env").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("!env").matches(WEB_PROD)).isFalse();
    assertThat(LabelQuery.parse("!canary").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("tier!=db").matches(WEB_PROD)).isTrue();
  }

  @Test
  @DisplayName("in and notin, which fabric8's CRUD mock ignores")
  void sets() {
    assertThat(LabelQuery.parse("env in (prod, staging)").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("env in (dev,staging)").matches(WEB_PROD)).isFalse();
    assertThat(LabelQuery.parse("env notin (dev),app in (web)").matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.parse("env notin (prod)").matches(WEB_PROD)).isFalse();
  }

  @Test
  @DisplayName(
      "an object's matchExpressions; a missing selector selects nothing, an empty one everything")
  void objectSelectors() {
    var selector =
        new LabelSelectorBuilder()
            .addToMatchLabels("app", "web")
            .addNewMatchExpression()
            .withKey("env")
            .withOperator("NotIn")
            .withValues("dev")
            .endMatchExpression()
            .build();
    assertThat(LabelQuery.of(selector).matches(WEB_PROD)).isTrue();
    assertThat(LabelQuery.of(null).matches(WEB_PROD)).isFalse();
    assertThat(LabelQuery.of(new LabelSelectorBuilder().build()).matches(WEB_PROD)).isTrue();
  }

  @Test
  @DisplayName("a malformed selector is a 400")
  void malformed() {
    assertThatThrownBy(() -> LabelQuery.parse("app in (web"))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }
}
