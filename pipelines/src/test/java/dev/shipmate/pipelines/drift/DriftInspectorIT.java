package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.route53.SimulatedRoute53;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * From a local bare git repository, a simulated cluster and the Route53 stand-in to a report: the
 * real JGit, the real fabric8 client over HTTP, the real AWS SDK.
 */
class DriftInspectorIT {
  private static final String ZONE = "Z0EXAMPLE";

  static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: prod, labels: { app: web } }
      spec:
        replicas: 2
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                image: registry.example.com/acme/web:1.2
                env:
                  - { name: MODE, value: fast }
                resources:
                  requests: { cpu: 500m, memory: 1Gi }
      ---
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: prod }
      spec:
        selector: { app: web }
        ports: [ { port: 80, targetPort: 8080 } ]
      """;
  static final String SETTINGS =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: settings, namespace: prod }
      data: { greeting: hello }
      """;
  static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata: { name: db, namespace: prod }
      stringData: { password: hunter2 }
      """;
  static final String WEIGHTS =
      """
      apiVersion: shipmate.dev/v1
      kind: CutoverWeights
      metadata: { name: www }
      spec: { blue: 100, green: 0 }
      """;

  @TempDir Path folder;

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-11-21T09:00:00Z"));
  private DriftRepository repository;
  private SimulatedCluster cluster;
  private KubernetesClient client;
  private SimulatedAws aws;
  private SimulatedRoute53 route53;
  private Route53Client route53Client;
  private DriftInspector inspector;
  private final List<String> listCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    repository = new DriftRepository(folder);
    Map<String, String> files = new HashMap<>();
    files.put("clusters/prod-eu/web.yaml", WEB);
    files.put("clusters/prod-eu/settings.yaml", SETTINGS);
    files.put("clusters/prod-eu/secret.yaml", SECRET);
    files.put("clusters/prod-eu/dns/www.yaml", WEIGHTS);
    files.put("README.md", "the desired state");
    repository.push("desired state", files);

    cluster = SimulatedCluster.start();
    client = cluster.client();
    cluster.ensureNamespace("prod");
    apply(WEB.replace("cpu: 500m", "cpu: '0.5'").replace("memory: 1Gi", "memory: 1024Mi"));
    apply(SETTINGS);
    // As the API server stores it (the sandbox's API server keeps stringData as written).
    apply(SECRET.replace("stringData: { password: hunter2 }", "data: { password: aHVudGVyMg== }"));
    cluster.settle();

    aws = SimulatedAws.start(clock);
    route53 = aws.route53();
    route53.createHostedZone(ZONE, "example.com");
    route53.putWeightedRecord(
        ZONE, "www.example.com.", "CNAME", "blue", 100, 60, "blue.example.com");
    route53.putWeightedRecord(
        ZONE, "www.example.com.", "CNAME", "green", 0, 60, "green.example.com");
    route53Client =
        Route53Client.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        SimulatedAws.ACCESS_KEY_ID, SimulatedAws.SECRET_ACCESS_KEY)))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();

    ShipmateConfig config = config(repository.bare.toString());
    LiveObjects live = new Fabric8LiveObjects(client);
    inspector =
        new DriftInspector(
            config,
            new GitManifestSource(config.drift().orElseThrow().source(), folder.resolve("clone")),
            name ->
                (apiVersion, kind, namespace) -> {
                  listCalls.add(kind + " " + namespace);
                  return live.list(apiVersion, kind, namespace);
                },
            new WeightComparer(new AwsRoute53Gateway(route53Client)),
            clock);
  }

  static ShipmateConfig config(String git) {
    String yaml =
        """
        clusters:
          prod-eu: { context: prod-eu }
        cutovers:
          www:
            zone: Z0EXAMPLE
            record: www.example.com.
            type: CNAME
            blue: blue
            green: green
            health: { url: "https://green.example.com/healthz" }
        drift:
          schedule: "0 0 9 ? * MON-FRI"
          channel: C0DRIFT
          source: { git: "GIT", branch: main, path: "clusters/{cluster}" }
        """
            .replace("GIT", git);
    return new ConfigLoader(Map.of()).parse(yaml, "test.yaml").orThrow();
  }

  private void apply(String yaml) {
    List<HasMetadata> objects =
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata object : objects) {
      client.resource(object).create();
    }
  }

  @AfterEach
  void stop() {
    route53Client.close();
    aws.close();
    cluster.close();
    repository.close();
  }

  @Test
  @DisplayName(
      "a cluster and DNS as git says: no drift; quantities and server defaults not reported")
  void noDrift() {
    DriftReport report = inspector.inspect(Optional.empty());

    assertThat(report.findings()).isEmpty();
    assertThat(report.noDrift()).isTrue();
    assertThat(report.clusters()).containsExactly("prod-eu");
    assertThat(report.commit()).hasSize(8);
    assertThat(listCalls)
        .as("one list call per kind and namespace")
        .containsExactlyInAnyOrder(
            "Deployment prod", "Service prod", "ConfigMap prod", "Secret prod");
  }

  @Test
  @DisplayName(
      "changed image, replicas, env var and Secret; a missing and an extra object; weights")
  void drift() {
    Deployment web = client.apps().deployments().inNamespace("prod").withName("web").get();
    web.getSpec().setReplicas(5);
    web.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .setImage("registry.example.com/acme/web:1.3-hotfix");
    web.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).setValue("slow");
    client.apps().deployments().inNamespace("prod").resource(web).update();
    client.configMaps().inNamespace("prod").withName("settings").delete();
    client
        .configMaps()
        .inNamespace("prod")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("debug")
                .withNamespace("prod")
                .endMetadata()
                .addToData("x", "y")
                .build())
        .create();
    client
        .secrets()
        .inNamespace("prod")
        .withName("db")
        .edit(
            s -> {
              s.getData().put("password", "aHVudGVyMw==");
              return s;
            });
    route53.putWeightedRecord(
        ZONE, "www.example.com.", "CNAME", "blue", 75, 60, "blue.example.com");
    route53.putWeightedRecord(
        ZONE, "www.example.com.", "CNAME", "green", 25, 60, "green.example.com");

    DriftReport report = inspector.inspect(Optional.empty());

    assertThat(report.findings())
        .extracting(Finding::headline)
        .containsExactlyInAnyOrder(
            "Deployment prod/web: 3 fields differ",
            "Secret prod/db: data.password: (hidden) → (hidden)",
            "ConfigMap prod/settings is in git (clusters/prod-eu/settings.yaml#1) but not in the cluster",
            "ConfigMap prod/debug runs in the cluster but is not in git",
            "cutover www: weights blue/green 100/0 in git, 75/25 live");
    Finding.Changed changed =
        report.findings().stream()
            .filter(Finding.Changed.class::isInstance)
            .map(Finding.Changed.class::cast)
            .filter(c -> c.ref().kind().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(changed.fields())
        .containsExactly(
            new FieldDrift("spec.replicas", "2", "5"),
            new FieldDrift(
                "spec.template.spec.containers[web].image",
                "registry.example.com/acme/web:1.2",
                "registry.example.com/acme/web:1.3-hotfix"),
            new FieldDrift("spec.template.spec.containers[web].env[MODE].value", "fast", "slow"));
    assertThat(report.findings().toString()).doesNotContain("hunter", "aHVudGVy");
  }

  @Test
  @DisplayName("each report fetches the branch again: a fix pushed to git clears the drift")
  void fetchesAgain() {
    client.configMaps().inNamespace("prod").withName("settings").delete();
    assertThat(inspector.inspect(Optional.of("prod-eu")).findings()).hasSize(1);

    Map<String, String> removed = new HashMap<>();
    removed.put("clusters/prod-eu/settings.yaml", null);
    repository.push("settings is gone", removed);

    DriftReport report = inspector.inspect(Optional.of("prod-eu"));
    assertThat(report.findings()).isEmpty();
    assertThat(report.dnsChecked()).isFalse();
  }

  @Test
  @DisplayName("a branch the repository does not have is named, with what to set")
  void unknownBranch() {
    ShipmateConfig config =
        new ConfigLoader(Map.of())
            .parse(
                """
                clusters: { prod-eu: { context: prod-eu } }
                drift:
                  schedule: "0 0 9 ? * MON-FRI"
                  channel: C0DRIFT
                  source: { git: "GIT", branch: release, path: "clusters/{cluster}" }
                """
                    .replace("GIT", repository.bare.toString()),
                "test.yaml")
            .orThrow();
    GitManifestSource source =
        new GitManifestSource(config.drift().orElseThrow().source(), folder.resolve("other"));
    assertThatThrownBy(source::checkout)
        .isInstanceOf(GitSourceException.class)
        .hasMessageContaining("release");
  }
}
