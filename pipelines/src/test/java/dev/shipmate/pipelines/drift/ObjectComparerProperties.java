package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ObjectComparerProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectRef REF = new ObjectRef("apps/v1", "Deployment", "prod", "web");
  private final ObjectComparer comparer = new ObjectComparer(IgnoreRules.NONE);

  @Property
  @Label("an object compared with itself has no drift")
  void selfHasNoDrift(@ForAll("objects") JsonNode object) {
    assertThat(comparer.compare(REF, object, object)).isEmpty();
  }

  @Property
  @Label("a field the server adds on the live side changes nothing")
  void serverDefaultChangesNothing(
      @ForAll("objects") JsonNode object,
      @ForAll("keys") String key,
      @ForAll("scalars") JsonNode v) {
    JsonNode live = object.deepCopy();
    addEverywhere(live, "zz" + key, v);
    assertThat(comparer.compare(REF, object, live)).isEmpty();
  }

  @Property
  @Label("a changed scalar is reported at its path and nowhere else")
  void changedScalarIsFound(@ForAll("objects") JsonNode object) {
    ObjectNode desired = ((ObjectNode) object.deepCopy());
    desired.putObject("spec").put("marker", "a");
    ObjectNode live = desired.deepCopy();
    ((ObjectNode) live.get("spec")).put("marker", "b");
    assertThat(comparer.compare(REF, desired, live))
        .containsExactly(new FieldDrift("spec.marker", "a", "b"));
  }

  /** Adds a field to every mapping of the tree, as a server filling in defaults does. */
  private static void addEverywhere(JsonNode node, String key, JsonNode value) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> addEverywhere(e.getValue(), key, value));
      object.set(key, value);
    } else if (node instanceof ArrayNode array) {
      array.forEach(item -> addEverywhere(item, key, value));
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
  }

  @Provide
  Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(8).map(NODES::textNode),
        Arbitraries.integers().between(-1000, 1000).map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.of("500m", "1Gi", "0.5", "128Mi").map(NODES::textNode));
  }

  @Provide
  Arbitrary<JsonNode> objects() {
    return mappings(3);
  }

  private Arbitrary<JsonNode> mappings(int depth) {
    Arbitrary<JsonNode> value =
        depth == 0
            ? scalars()
            : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalars()),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> mappings(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> namedList(depth - 1))),
                net.jqwik.api.Tuple.of(1, scalars().list().ofMaxSize(3).map(this::array)));
    return Arbitraries.maps(keys(), value)
        .ofMaxSize(4)
        .map(
            (Map<String, JsonNode> fields) -> {
              ObjectNode node = NODES.objectNode();
              fields.forEach(node::set);
              return node;
            });
  }

  private Arbitrary<JsonNode> namedList(int depth) {
    return mappings(depth)
        .list()
        .ofMaxSize(3)
        .map(
            items -> {
              ArrayNode array = NODES.arrayNode();
              for (int i = 0; i < items.size(); i++) {
                ObjectNode item = (ObjectNode) items.get(i);
                item.put("name", "item-" + i);
                array.add(item);
              }
              return array;
            });
  }

  private JsonNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }
}
