package dev.shipmate.sandbox.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Field selectors, as kubectl drain and describe send them")
class FieldQueryTest {

  private static final String POD =
      "{\"metadata\":{\"name\":\"web-1\"},\"spec\":{\"nodeName\":\"node-1\"},\"status\":{\"phase\":\"Running\"}}";

  @Test
  @DisplayName("several clauses, = and !=, with a missing field as the empty string")
  void clauses() {
    var pod = Json.parseObject(POD);
    assertThat(FieldQuery.parse("spec.nodeName=node-1").matches(pod)).isTrue();
    assertThat(
            FieldQuery.parse("spec.nodeName=node-1,status.phase!=Failed,status.phase!=Succeeded")
                .matches(pod))
        .isTrue();
    assertThat(FieldQuery.parse("metadata.name==web-2").matches(pod)).isFalse();
    assertThat(FieldQuery.parse("spec.schedulerName=").matches(pod)).isTrue();
  }
}
