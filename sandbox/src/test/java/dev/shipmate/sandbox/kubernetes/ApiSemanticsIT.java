package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the API server answers, checked through fabric8 and raw HTTP. One cluster serves every test;
 * each test works in its own namespace.
 */
@DisplayName("The API server answers as a real one does")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSemanticsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedCluster cluster;
  private KubernetesClient client;
  private int namespaces;

  @BeforeAll
  void startCluster() {
    cluster = SimulatedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("a missing object is a 404 whose message names the resource as kubectl prints it")
  void notFound() throws Exception {
    HttpResponse<String> response =
        get("/apis/apps/v1/namespaces/default/deployments/nope", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(status.path("message").asText()).isEqualTo("deployments.apps \"nope\" not found");
    assertThat(client.apps().deployments().withName("nope").get()).isNull();
  }

  @Test
  @DisplayName(
      "creating twice is 409 AlreadyExists; an update with a stale resourceVersion is 409 Conflict")
  void conflicts() {
    String ns = namespace();
    ConfigMap created =
        client.configMaps().inNamespace(ns).resource(configMap("settings", "a")).create();

    assertThatThrownBy(
            () -> client.configMaps().inNamespace(ns).resource(configMap("settings", "a")).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409))
        .hasMessageContaining("configmaps \"settings\" already exists");

    client
        .configMaps()
        .inNamespace(ns)
        .withName("settings")
        .edit(
            cm -> {
              cm.getData().put("k", "b");
              return cm;
            });
    ConfigMap stale = new ConfigMapBuilder(created).addToData("k", "c").build();
    assertThatThrownBy(() -> client.configMaps().inNamespace(ns).resource(stale).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409))
        .hasMessageContaining("the object has been modified");
  }

  @Test
  @DisplayName(
      "an update of the object ignores its status; the status subresource ignores the spec")
  void statusSubresource() {
    String ns = namespace();
    client.resource(Manifests.deployment("web", "web:v1", 1)).inNamespace(ns).create();
    cluster.settle();

    Deployment withFakeStatus =
        new DeploymentBuilder(client.apps().deployments().inNamespace(ns).withName("web").get())
            .withStatus(new DeploymentStatusBuilder().withReadyReplicas(42).build())
            .build();
    client.resource(withFakeStatus).update();
    // No pod is Ready yet: the stored status still says so
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isNull();

    Deployment withOtherSpec = client.apps().deployments().inNamespace(ns).withName("web").get();
    withOtherSpec.getSpec().setReplicas(7);
    withOtherSpec.getStatus().setReadyReplicas(1);
    client.resource(withOtherSpec).updateStatus();
    Deployment stored = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(stored.getSpec().getReplicas()).isEqualTo(1);
    assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  @DisplayName("fabric8's strategic merge patch changes one container by name and keeps the other")
  void strategicMergePatch() {
    String ns = namespace();
    Deployment twoContainers =
        new DeploymentBuilder(Manifests.deployment("web", "web:v1", 1))
            .editSpec()
            .editTemplate()
            .editSpec()
            .addNewContainer()
            .withName("proxy")
            .withImage("envoy:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(twoContainers).inNamespace(ns).create();

    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("web")
        .patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web:v2\"}]}}}}");

    Deployment patched = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(patched.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("web=web:v2", "proxy=envoy:1");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  @DisplayName("a JSON merge patch replaces a list, and a JSON patch applies its operations")
  void otherPatches() {
    String ns = namespace();
    client.resource(Manifests.deployment("web", "web:v1", 1)).inNamespace(ns).create();

    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("web")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"other\",\"image\":\"other:v1\"}]}}}}");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers())
        .extracting(c -> c.getName())
        .containsExactly("other");

    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("web")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
  }

  @Test
  @DisplayName("server-side apply creates, then merges into, the live object")
  void serverSideApply() {
    String ns = namespace();
    client.resource(configMap("applied", "1")).inNamespace(ns).serverSideApply();
    client
        .resource(new ConfigMapBuilder(configMap("applied", "2")).addToData("more", "x").build())
        .inNamespace(ns)
        .serverSideApply();

    assertThat(client.configMaps().inNamespace(ns).withName("applied").get().getData())
        .containsEntry("k", "2")
        .containsEntry("more", "x");
  }

  @Test
  @DisplayName("set-based label selectors and field selectors filter lists")
  void selectors() {
    String ns = namespace();
    for (String env : List.of("prod", "staging", "dev")) {
      client
          .configMaps()
          .inNamespace(ns)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("cm-" + env)
                  .addToLabels("env", env)
                  .endMetadata()
                  .build())
          .create();
    }

    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withLabelIn("env", "prod", "staging")
                .list()
                .getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly("cm-prod", "cm-staging");
    assertThat(client.configMaps().inNamespace(ns).withLabelNotIn("env", "prod").list().getItems())
        .hasSize(2);
    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withField("metadata.name", "cm-dev")
                .list()
                .getItems())
        .hasSize(1);
  }

  @Test
  @DisplayName("a watch from a list's resourceVersion sees only what happened after it")
  void watchFromResourceVersion() throws InterruptedException {
    String ns = namespace();
    client.configMaps().inNamespace(ns).resource(configMap("before", "1")).create();
    String listVersion =
        client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion();
    client.configMaps().inNamespace(ns).resource(configMap("after", "1")).create();

    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watch watch =
        client
            .configMaps()
            .inNamespace(ns)
            .watch(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withResourceVersion(listVersion)
                    .build(),
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap resource) {
                    events.add(action + " " + resource.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    client.configMaps().inNamespace(ns).withName("before").delete();

    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED after");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("DELETED before");
    watch.close();
  }

  @Test
  @DisplayName("a dry-run create validates and stores nothing; generateName picks a free name")
  void dryRunAndGenerateName() {
    String ns = namespace();
    ConfigMap dry =
        client.configMaps().inNamespace(ns).resource(configMap("dry", "1")).dryRun().create();
    assertThat(dry.getMetadata().getName()).isEqualTo("dry");
    assertThat(client.configMaps().inNamespace(ns).withName("dry").get()).isNull();

    ConfigMap generated =
        client
            .configMaps()
            .inNamespace(ns)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withGenerateName("run-")
                    .endMetadata()
                    .build())
            .create();
    assertThat(generated.getMetadata().getName()).matches("run-[a-z0-9]{5}");
  }

  @Test
  @DisplayName("a Deployment whose selector does not match its template is refused as invalid")
  void invalidDeployment() {
    String ns = namespace();
    Deployment invalid =
        new DeploymentBuilder(Manifests.deployment("web", "web:v1", 1))
            .editSpec()
            .editSelector()
            .addToMatchLabels("app", "other")
            .endSelector()
            .endSpec()
            .build();

    assertThatThrownBy(() -> client.resource(invalid).inNamespace(ns).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("`selector` does not match template `labels`");
  }

  @Test
  @DisplayName(
      "discovery lists the groups, the resources and the eviction subresource kubectl drain looks for")
  void discovery() throws Exception {
    JsonNode api = JSON.readTree(get("/api", "application/json").body());
    assertThat(api.path("versions").toString()).isEqualTo("[\"v1\"]");

    JsonNode groups = JSON.readTree(get("/apis", "application/json").body());
    assertThat(groups.path("groups").findValuesAsText("name"))
        .contains("apps", "policy", "networking.k8s.io");

    JsonNode core = JSON.readTree(get("/api/v1", "application/json").body());
    JsonNode eviction = resource(core, "pods/eviction");
    assertThat(eviction.path("group").asText()).isEqualTo("policy");
    assertThat(eviction.path("version").asText()).isEqualTo("v1");
    assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");

    JsonNode apps = JSON.readTree(get("/apis/apps/v1", "application/json").body());
    assertThat(resource(apps, "deployments").path("shortNames").toString())
        .isEqualTo("[\"deploy\"]");
    assertThat(resource(apps, "deployments/scale").path("kind").asText()).isEqualTo("Scale");
    assertThat(
            JSON.readTree(get("/apis/policy/v1", "application/json").body())
                .path("groupVersion")
                .asText())
        .isEqualTo("policy/v1");
    assertThat(
            JSON.readTree(get("/version", "application/json").body()).path("gitVersion").asText())
        .isEqualTo("v1.31.4");
  }

  @Test
  @DisplayName("kubectl's Accept header for get gets a Table with the columns a real server prints")
  void table() throws Exception {
    String ns = namespace();
    cluster.addDeployment(ns, "web", "web:v1", 2);

    JsonNode table =
        JSON.readTree(
            get(
                    "/apis/apps/v1/namespaces/" + ns + "/deployments",
                    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .body());

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .startsWith("Name", "Ready", "Up-to-date", "Available", "Age");
    assertThat(table.path("rows").get(0).path("cells").toString())
        .startsWith("[\"web\",\"2/2\",2,2,");
  }

  @Test
  @DisplayName("the scale subresource reads and writes a Deployment's replicas")
  void scale() throws Exception {
    String ns = namespace();
    client.resource(Manifests.deployment("web", "web:v1", 2)).inNamespace(ns).create();
    cluster.settle();

    JsonNode scale =
        JSON.readTree(
            get("/apis/apps/v1/namespaces/" + ns + "/deployments/web/scale", "application/json")
                .body());
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");

    client.apps().deployments().inNamespace(ns).withName("web").scale(5);
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(5);
  }

  private static JsonNode resource(JsonNode list, String name) {
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    throw new AssertionError("no resource " + name + " in " + list);
  }

  private String namespace() {
    String name = "test-" + (++namespaces);
    cluster.ensureNamespace(name);
    return name;
  }

  private HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Accept", accept)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", value)
        .build();
  }
}
