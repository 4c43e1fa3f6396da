package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipmate.config.Drift;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObjectComparerTest {
  private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "prod", "web");
  private static final ObjectRef SECRET = new ObjectRef("v1", "Secret", "prod", "db");

  private static final String DESIRED =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: prod, labels: { app: web } }
      spec:
        replicas: 3
        template:
          spec:
            containers:
              - name: web
                image: registry.example.com/acme/web:1.2
                env:
                  - { name: MODE, value: fast }
                  - { name: REGION, value: eu }
                ports: [ { containerPort: 8080 } ]
                resources:
                  requests: { cpu: 500m, memory: 1Gi }
              - name: proxy
                image: envoy:1.30
            volumes: []
      """;

  private final ObjectComparer comparer = new ObjectComparer(IgnoreRules.NONE);

  private List<FieldDrift> compare(String desired, String live) {
    return comparer.compare(WEB, Yaml.of(desired), Yaml.of(live));
  }

  @Test
  @DisplayName("an object compared with itself has no drift")
  void same() {
    assertThat(compare(DESIRED, DESIRED)).isEmpty();
  }

  @Test
  @DisplayName("fields the server filled in (defaults, status, metadata) are not drift")
  void serverDefaultsIgnored() {
    String live =
        DESIRED
                .replace(
                    "metadata: { name: web, namespace: prod, labels: { app: web } }",
                    "metadata: { name: web, namespace: prod, uid: abc, resourceVersion: '7',"
                        + " generation: 4, labels: { app: web, extra: x } }")
                .replace("replicas: 3", "replicas: 3\n  progressDeadlineSeconds: 600")
                .replace(
                    "image: envoy:1.30",
                    "image: envoy:1.30\n          imagePullPolicy: IfNotPresent")
            + "status: { replicas: 3 }\n";
    assertThat(compare(DESIRED, live)).isEmpty();
  }

  @Test
  @DisplayName("a changed image, replica count and env var are reported with their field paths")
  void changes() {
    String live =
        DESIRED
            .replace("replicas: 3", "replicas: 5")
            .replace("web:1.2", "web:1.3-hotfix")
            .replace("value: fast", "value: slow");
    assertThat(compare(DESIRED, live))
        .containsExactly(
            new FieldDrift("spec.replicas", "3", "5"),
            new FieldDrift(
                "spec.template.spec.containers[web].image",
                "registry.example.com/acme/web:1.2",
                "registry.example.com/acme/web:1.3-hotfix"),
            new FieldDrift("spec.template.spec.containers[web].env[MODE].value", "fast", "slow"));
  }

  @Test
  @DisplayName("quantities are compared by value: 500m is 0.5, 1Gi is 1024Mi")
  void quantities() {
    String live =
        DESIRED.replace("cpu: 500m", "cpu: '0.5'").replace("memory: 1Gi", "memory: 1024Mi");
    assertThat(compare(DESIRED, live)).isEmpty();
    String more = DESIRED.replace("cpu: 500m", "cpu: 600m");
    assertThat(compare(DESIRED, more))
        .containsExactly(
            new FieldDrift(
                "spec.template.spec.containers[web].resources.requests.cpu", "500m", "600m"));
  }

  @Test
  @DisplayName("named lists are matched by name, whatever their order; an extra item is drift")
  void namedLists() {
    String reordered =
        DESIRED
            .replace("{ name: MODE, value: fast }", "SWAP")
            .replace("{ name: REGION, value: eu }", "{ name: MODE, value: fast }")
            .replace(
                "SWAP",
                "{ name: REGION, value: eu }\n            - { name: DEBUG, value: 'true' }");
    assertThat(compare(DESIRED, reordered))
        .containsExactly(
            new FieldDrift(
                "spec.template.spec.containers[web].env[DEBUG]",
                FieldDrift.ABSENT,
                "{\"name\":\"DEBUG\",\"value\":\"true\"}"));
  }

  @Test
  @DisplayName("a container missing live is reported as absent, by name")
  void missingContainer() {
    String live = DESIRED.substring(0, DESIRED.indexOf("      - name: proxy")) + "  volumes: []\n";
    List<FieldDrift> drifts = compare(DESIRED, live);
    assertThat(drifts)
        .extracting(FieldDrift::path)
        .containsExactly("spec.template.spec.containers[proxy]");
    assertThat(drifts.get(0).live()).isEqualTo(FieldDrift.ABSENT);
  }

  @Test
  @DisplayName("an empty list or map in git matches an absent one live")
  void emptyIsAbsent() {
    String desired =
        "spec: { volumes: [], selector: {}, template: { metadata: { annotations: {} } } }";
    assertThat(compare(desired, "spec: {}")).isEmpty();
    assertThat(compare("spec: { volumes: [] }", "spec: { volumes: [ { name: cache } ] }"))
        .extracting(FieldDrift::path)
        .containsExactly("spec.volumes");
  }

  @Test
  @DisplayName("a port written as a string matches the same number live")
  void numbersAsText() {
    assertThat(compare("spec: { port: '8080' }", "spec: { port: 8080 }")).isEmpty();
    assertThat(compare("spec: { ratio: 1.0 }", "spec: { ratio: 1 }")).isEmpty();
  }

  @Test
  @DisplayName("a Secret's change is reported by key without its values; stringData counts as data")
  void secrets() {
    JsonNode desired =
        Yaml.of(
            "kind: Secret\nmetadata: { name: db }\nstringData: { password: hunter2, user: app }");
    JsonNode live =
        Yaml.of(
            "kind: Secret\nmetadata: { name: db }\ndata: { password: aHVudGVyMw==, user: YXBw }");
    List<FieldDrift> drifts = comparer.compare(SECRET, desired, live);
    assertThat(drifts)
        .containsExactly(new FieldDrift("data.password", FieldDrift.HIDDEN, FieldDrift.HIDDEN));
    assertThat(drifts.toString()).doesNotContain("hunter", "aHVudGVy");

    JsonNode noData = Yaml.of("kind: Secret\nmetadata: { name: db }");
    assertThat(comparer.compare(SECRET, desired, noData))
        .containsExactly(new FieldDrift("data", FieldDrift.HIDDEN, FieldDrift.ABSENT));
  }

  @Test
  @DisplayName("ignore rules leave out a pointer and what is below it, by position or by name")
  void ignoreRules() {
    String live =
        DESIRED
            .replace("replicas: 3", "replicas: 9")
            .replace("web:1.2", "web:1.3")
            .replace("envoy:1.30", "envoy:1.31");
    ObjectComparer ignoring =
        new ObjectComparer(
            new IgnoreRules(
                List.of(
                    new Drift.Ignore(
                        "Deployment",
                        Optional.empty(),
                        Optional.empty(),
                        List.of("/spec/replicas", "/spec/template/spec/containers/0/image")),
                    new Drift.Ignore(
                        "Deployment",
                        Optional.of("prod"),
                        Optional.of("web"),
                        List.of("/spec/template/spec/containers/proxy")),
                    new Drift.Ignore(
                        "Deployment",
                        Optional.of("staging"),
                        Optional.empty(),
                        List.of("/metadata")))));
    assertThat(ignoring.compare(WEB, Yaml.of(DESIRED), Yaml.of(live))).isEmpty();
    assertThat(
            ignoring.compare(
                WEB,
                Yaml.of(DESIRED),
                Yaml.of(DESIRED.replace("labels: { app: web }", "labels: { app: api }"))))
        .extracting(FieldDrift::path)
        .containsExactly("metadata.labels.app");
  }

  @Test
  @DisplayName("keys that are not identifiers are shown quoted in the path")
  void oddKeys() {
    assertThat(
            compare(
                "metadata: { annotations: { example.com/owner: sre } }",
                "metadata: { annotations: { example.com/owner: web } }"))
        .containsExactly(
            new FieldDrift("metadata.annotations[\"example.com/owner\"]", "sre", "web"));
  }
}
