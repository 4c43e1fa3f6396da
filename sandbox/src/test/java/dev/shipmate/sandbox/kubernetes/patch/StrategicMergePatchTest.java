package dev.shipmate.sandbox.kubernetes.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Strategic merge patch merges what kubectl sends the way the API server does")
class StrategicMergePatchTest {

  private static final String DEPLOYMENT =
      """
      {"metadata":{"name":"web","labels":{"app":"web"},"finalizers":["a"]},
       "spec":{"replicas":3,"template":{"spec":{
         "containers":[
           {"name":"web","image":"web:v1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
            "ports":[{"containerPort":8080,"protocol":"TCP"}]},
           {"name":"proxy","image":"envoy:1","args":["--a","--b"]}],
         "tolerations":[{"key":"x","operator":"Exists"}]}}}}
      """;

  @Test
  @DisplayName("kubectl set image: one container by name, the other untouched, order kept")
  void setImage() {
    JsonNode result =
        apply(
            """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"proxy"}],
              "containers":[{"image":"web:v2","name":"web"}]}}}}
            """);

    JsonNode containers = result.path("spec").path("template").path("spec").path("containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("web:v2");
    assertThat(containers.get(0).path("env")).hasSize(2);
    assertThat(containers.get(1).path("image").asText()).isEqualTo("envoy:1");
  }

  @Test
  @DisplayName("kubectl cordon and uncordon: a field set, then removed by null")
  void cordon() {
    ObjectNode node =
        Json.parseObject("{\"metadata\":{\"name\":\"n\"},\"spec\":{\"podCIDR\":\"10.0.0.0/24\"}}");
    ObjectNode cordoned =
        StrategicMergePatch.apply(node, Json.parseObject("{\"spec\":{\"unschedulable\":true}}"));
    assertThat(cordoned.path("spec").path("unschedulable").asBoolean()).isTrue();

    ObjectNode uncordoned =
        StrategicMergePatch.apply(
            cordoned, Json.parseObject("{\"spec\":{\"unschedulable\":null}}"));
    assertThat(uncordoned.path("spec").has("unschedulable")).isFalse();
    assertThat(uncordoned.path("spec").path("podCIDR").asText()).isEqualTo("10.0.0.0/24");
  }

  @Test
  @DisplayName("env merges by name, ports by containerPort; a new one is appended")
  void namedLists() {
    JsonNode result =
        apply(
            """
            {"spec":{"template":{"spec":{"containers":[{"name":"web",
              "env":[{"name":"B","value":"two"},{"name":"C","value":"3"}],
              "ports":[{"containerPort":9090}]}]}}}}
            """);

    JsonNode web = result.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(web.path("env").toString())
        .isEqualTo(
            "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"two\"},{\"name\":\"C\",\"value\":\"3\"}]");
    assertThat(web.path("ports")).hasSize(2);
  }

  @Test
  @DisplayName("$patch: delete removes one item of a named list")
  void deleteDirective() {
    JsonNode result =
        apply(
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"proxy\",\"$patch\":\"delete\"}]}}}}");

    assertThat(result.path("spec").path("template").path("spec").path("containers"))
        .singleElement()
        .satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("web"));
  }

  @Test
  @DisplayName("$patch: replace on a list item replaces the whole list")
  void replaceDirective() {
    JsonNode result =
        apply(
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"replace\"},{\"name\":\"only\",\"image\":\"x\"}]}}}}");

    assertThat(result.path("spec").path("template").path("spec").path("containers").toString())
        .isEqualTo("[{\"name\":\"only\",\"image\":\"x\"}]");
  }

  @Test
  @DisplayName(
      "lists without a merge key (args, tolerations) are replaced; finalizers merge as a set")
  void replacedLists() {
    JsonNode result =
        apply(
            """
            {"metadata":{"finalizers":["b","a"]},
             "spec":{"template":{"spec":{"tolerations":[],
               "containers":[{"name":"proxy","args":["--c"]}]}}}}
            """);

    assertThat(result.path("metadata").path("finalizers").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(result.path("spec").path("template").path("spec").path("tolerations")).isEmpty();
    assertThat(
            result
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(1)
                .path("args")
                .toString())
        .isEqualTo("[\"--c\"]");
  }

  @Test
  @DisplayName("kubectl annotate, label and rollout restart: maps merge, null removes a key")
  void maps() {
    JsonNode result =
        apply(
            "{\"metadata\":{\"labels\":{\"app\":null,\"tier\":\"front\"}},"
                + "\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"now\"}}}}}");

    assertThat(result.path("metadata").path("labels").toString()).isEqualTo("{\"tier\":\"front\"}");
    assertThat(
            result
                .path("spec")
                .path("template")
                .path("metadata")
                .path("annotations")
                .path("kubectl.kubernetes.io/restartedAt")
                .asText())
        .isEqualTo("now");
    assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  @DisplayName("an item of a named list without its key is refused with the server's message")
  void missingMergeKey() {
    assertThatThrownBy(
            () ->
                apply("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}}}"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("does not contain declared merge key: name");
  }

  @Test
  @DisplayName("$deleteFromPrimitiveList and $retainKeys are understood")
  void otherDirectives() {
    JsonNode result =
        apply(
            "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"]},"
                + "\"spec\":{\"$retainKeys\":[\"template\"],\"template\":{}}}");

    assertThat(result.path("metadata").path("finalizers")).isEmpty();
    assertThat(result.path("spec").has("replicas")).isFalse();
    assertThat(result.path("spec").has("template")).isTrue();
  }

  private static JsonNode apply(String patch) {
    return StrategicMergePatch.apply(Json.parseObject(DEPLOYMENT), Json.parseObject(patch));
  }
}
