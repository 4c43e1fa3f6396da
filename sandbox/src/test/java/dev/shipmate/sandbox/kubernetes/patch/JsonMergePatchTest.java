package dev.shipmate.sandbox.kubernetes.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipmate.sandbox.kubernetes.store.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON merge patch follows RFC 7386")
class JsonMergePatchTest {

  @Test
  @DisplayName("a list in the patch replaces the list (fabric8's CRUD mock appends instead)")
  void listsReplace() {
    JsonNode result =
        JsonMergePatch.apply(
            Json.parseObject(
                "{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"replicas\":1}}"),
            Json.parseObject("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"));

    assertThat(result.toString())
        .isEqualTo("{\"spec\":{\"containers\":[{\"name\":\"c\"}],\"replicas\":1}}");
  }

  @Test
  @DisplayName("null removes, objects merge, scalars replace")
  void rfcRules() {
    JsonNode result =
        JsonMergePatch.apply(
            Json.parseObject("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}"),
            Json.parseObject("{\"a\":\"z\",\"c\":{\"f\":null},\"n\":{\"m\":1}}"));

    assertThat(result.toString()).isEqualTo("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"n\":{\"m\":1}}");
  }
}
