package dev.shipmate.sandbox.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.SimulationClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The store keeps the API server's rules about versions, generations and watches")
class ObjectStoreTest {

  private static final ResourceType CONFIG_MAPS =
      ResourceTypes.builtIn().byPath("", "v1", "configmaps").orElseThrow();

  private ObjectStore store;

  @BeforeEach
  void createStore() {
    store =
        new ObjectStore(
            SimulationClock.startingAt(Instant.parse("2026-01-05T09:00:00Z")),
            ResourceTypes.builtIn(),
            1,
            5);
    store.create(
        ResourceTypes.NAMESPACES,
        null,
        Json.parseObject("{\"metadata\":{\"name\":\"default\"}}"),
        false);
  }

  @Test
  @DisplayName("an update that changes nothing keeps the resourceVersion and tells no watch")
  void noOpUpdate() {
    ObjectNode created = store.create(CONFIG_MAPS, "default", configMap("a", "1"), false);
    List<WatchEvent> events = new ArrayList<>();
    store.watch(
        CONFIG_MAPS,
        "default",
        Selection.everything(),
        created.path("metadata").path("resourceVersion").asText(),
        events::add);

    ObjectNode same = store.replace(CONFIG_MAPS, "default", "a", configMap("a", "1"), false);

    assertThat(same.path("metadata").path("resourceVersion"))
        .isEqualTo(created.path("metadata").path("resourceVersion"));
    assertThat(events).isEmpty();
  }

  @Test
  @DisplayName("a Deployment's generation moves with its spec and not with its labels")
  void generation() {
    String deployment =
        "{\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"%s\"}},\"spec\":{\"replicas\":%d,"
            + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web:v1\"}]}}}}";
    store.create(
        ResourceTypes.DEPLOYMENTS,
        "default",
        Json.parseObject(deployment.formatted("x", 1)),
        false);

    ObjectNode relabeled =
        store.replace(
            ResourceTypes.DEPLOYMENTS,
            "default",
            "web",
            Json.parseObject(deployment.formatted("y", 1)),
            false);
    ObjectNode scaled =
        store.replace(
            ResourceTypes.DEPLOYMENTS,
            "default",
            "web",
            Json.parseObject(deployment.formatted("y", 2)),
            false);

    assertThat(relabeled.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(scaled.path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(scaled.path("spec").path("strategy").path("type").asText())
        .isEqualTo("RollingUpdate");
    assertThat(scaled.path("spec").path("progressDeadlineSeconds").asInt()).isEqualTo(600);
  }

  @Test
  @DisplayName("a watch on a selection sees an object that stops matching as DELETED")
  void selectionTransitions() {
    store.create(CONFIG_MAPS, "default", labelled("a", "prod"), false);
    List<String> seen = new ArrayList<>();
    store.watch(
        CONFIG_MAPS, "default", Selection.parse("env=prod", null), "0", e -> seen.add(e.type()));

    store.replace(CONFIG_MAPS, "default", "a", labelled("a", "dev"), false);
    store.replace(CONFIG_MAPS, "default", "a", labelled("a", "prod"), false);

    assertThat(seen).containsExactly("ADDED", "DELETED", "ADDED");
  }

  @Test
  @DisplayName("a watch from a version older than the kept history is 410 Gone")
  void expiredVersion() {
    long first = store.resourceVersion();
    for (int i = 0; i < 10; i++) {
      store.create(CONFIG_MAPS, "default", configMap("cm-" + i, "x"), false);
    }

    assertThatThrownBy(
            () ->
                store.watch(
                    CONFIG_MAPS, null, Selection.everything(), Long.toString(first), e -> {}))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(410))
        .hasMessageStartingWith("too old resource version");
  }

  private static ObjectNode configMap(String name, String value) {
    return Json.parseObject(
        "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"" + value + "\"}}");
  }

  private static ObjectNode labelled(String name, String env) {
    return Json.parseObject(
        "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"env\":\"" + env + "\"}}}");
  }
}
