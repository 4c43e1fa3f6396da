package dev.shipmate.pipelines.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.pipelines.deploy.RolloutJudge;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gateway against fabric8's mock API server in CRUD mode, with the example manifests. It runs
 * no controllers: Deployment statuses are written by the tests, and a namespace is gone the moment
 * it is deleted.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class Fabric8PreviewGatewayIT {
  private static final Path EXAMPLE = Path.of("../config/examples/previews/web");
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final AtomicInteger PRS = new AtomicInteger(100);

  static KubernetesClient client;
  static KubernetesMockServer server;

  private final ReadinessJudge judge =
      new ReadinessJudge(
          new RolloutJudge(Clock.fixed(NOW, ZoneOffset.UTC), RolloutJudge.DEFAULT_GRACE_PERIOD));
  private PreviewGateway gateway;
  private int pr;
  private String namespace;

  @BeforeEach
  void setUp() {
    gateway = new Fabric8PreviewGateway(client, Clock.fixed(NOW, ZoneOffset.UTC), judge);
    pr = PRS.incrementAndGet();
    namespace = "pr-" + pr;
  }

  private PreviewNamespace wanted(int pr, Instant expiresAt, String ref) {
    return new PreviewNamespace(
        pr, "pr-" + pr, "U01ALICE", expiresAt, ref, "https://pr-" + pr + ".preview.example.com");
  }

  private List<HasMetadata> manifests(int pr, String tag) {
    return new PreviewManifests(EXAMPLE)
        .render(
            new ManifestValues(
                Optional.of("registry.example.com/acme/web"),
                tag,
                "pr-" + pr,
                "pr-" + pr + ".preview.example.com",
                pr));
  }

  private Namespace namespace(String name) {
    return client.namespaces().withName(name).get();
  }

  private Deployment web(String ns) {
    return client.apps().deployments().inNamespace(ns).withName("web").get();
  }

  /** What the Deployment controller would write once web's pods are all available. */
  private void markAvailable(String ns) {
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("web")
        .editStatus(
            d -> {
              d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
              d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
              d.getStatus().setReplicas(1);
              d.getStatus().setUpdatedReplicas(1);
              d.getStatus().setAvailableReplicas(1);
              return d;
            });
  }

  private static ConfigMap configMap(String ns, String name, int pr) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels(PreviewLabels.PREVIEW, "true")
        .addToLabels(PreviewLabels.PR, Integer.toString(pr))
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  @Test
  @DisplayName("ensuring a namespace creates it with the preview's labels and annotations")
  void createsNamespace() {
    Instant expires = NOW.plus(Duration.ofHours(72));

    Preview preview = gateway.ensureNamespace(wanted(pr, expires, "3f2a9c1"));

    Namespace ns = namespace(namespace);
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("shipmate.dev/preview", "true")
        .containsEntry("shipmate.dev/pr", Integer.toString(pr))
        .containsEntry("shipmate.dev/owner", "U01ALICE");
    assertThat(ns.getMetadata().getAnnotations())
        .containsEntry("shipmate.dev/expires-at", "2026-11-24T10:00:00Z")
        .containsEntry("shipmate.dev/ref", "3f2a9c1")
        .containsEntry("shipmate.dev/url", "https://" + namespace + ".preview.example.com")
        .containsEntry("shipmate.dev/created-at", "2026-11-21T10:00:00Z");
    assertThat(preview)
        .isEqualTo(
            new Preview(
                pr,
                namespace,
                "U01ALICE",
                NOW,
                expires,
                "3f2a9c1",
                "https://" + namespace + ".preview.example.com",
                PreviewStatus.READY,
                Optional.empty()));
  }

  @Test
  @DisplayName(
      "with a grant, the namespace gets one RoleBinding of the objects role to Shipmate's account,"
          + " and none without")
  void bindsTheObjectsRole() {
    PreviewGateway granting =
        new Fabric8PreviewGateway(
            client,
            Clock.fixed(NOW, ZoneOffset.UTC),
            judge,
            "baseline",
            Optional.of(new PreviewGrant("shipmate-preview-objects", "shipmate", "shipmate")));

    granting.ensureNamespace(wanted(pr, NOW.plus(Duration.ofHours(1)), "aaa"));
    granting.ensureNamespace(wanted(pr, NOW.plus(Duration.ofHours(2)), "bbb"));

    List<RoleBinding> bindings =
        client.rbac().roleBindings().inNamespace(namespace).list().getItems();
    assertThat(bindings).hasSize(1);
    RoleBinding binding = bindings.get(0);
    assertThat(binding.getMetadata().getName()).isEqualTo("shipmate-preview");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("shipmate-preview-objects");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getNamespace()).isEqualTo("shipmate");
              assertThat(s.getName()).isEqualTo("shipmate");
            });

    int other = PRS.incrementAndGet();
    gateway.ensureNamespace(wanted(other, NOW.plus(Duration.ofHours(1)), "ccc"));
    assertThat(client.rbac().roleBindings().inNamespace("pr-" + other).list().getItems()).isEmpty();
  }

  @Test
  @DisplayName("ensuring it again updates the annotations and keeps when it was made")
  void updatesNamespace() {
    gateway.ensureNamespace(wanted(pr, NOW.plus(Duration.ofHours(1)), "aaa"));
    PreviewGateway later =
        new Fabric8PreviewGateway(
            client, Clock.fixed(NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC), judge);

    PreviewNamespace byBot =
        new PreviewNamespace(
            pr, namespace, "dependabot[bot]", NOW.plus(Duration.ofDays(2)), "bbb", "https://x");
    Preview preview = later.ensureNamespace(byBot);

    assertThat(preview.created()).isEqualTo(NOW);
    assertThat(preview.owner()).isEqualTo("dependabot[bot]");
    assertThat(preview.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    assertThat(preview.ref()).isEqualTo("bbb");
    assertThat(namespace(namespace).getMetadata().getLabels())
        .containsEntry("shipmate.dev/owner", "dependabot_bot");
  }

  @Test
  @DisplayName("a namespace that is not a preview, or another PR's, is never taken over")
  void refusesOthers() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    gateway.ensureNamespace(wanted(pr + 1000, NOW.plusSeconds(60), "a"));
    PreviewNamespace squatting =
        new PreviewNamespace(pr, "pr-" + (pr + 1000), "U1", NOW, "a", "https://x");

    assertThatThrownBy(() -> gateway.ensureNamespace(wanted(pr, NOW, "a")))
        .isInstanceOf(PreviewConflictException.class)
        .hasMessage(
            "namespace "
                + namespace
                + " exists but is not a Shipmate preview: Shipmate leaves it alone; remove it"
                + " yourself, or change previews.namespace in the configuration");
    assertThatThrownBy(() -> gateway.ensureNamespace(squatting))
        .isInstanceOf(PreviewConflictException.class)
        .hasMessageContaining("is the preview of pull request " + (pr + 1000));
    assertThatThrownBy(() -> gateway.apply(namespace, pr, manifests(pr, "v1")))
        .isInstanceOf(PreviewConflictException.class);
    assertThatThrownBy(() -> gateway.delete(namespace))
        .isInstanceOf(PreviewConflictException.class);
    assertThat(namespace(namespace).getMetadata().getLabels()).isNullOrEmpty();
    assertThat(gateway.list()).extracting(Preview::namespace).doesNotContain(namespace);
  }

  @Test
  @DisplayName("applying twice updates the objects in place")
  void applyTwice() {
    // Given a preview whose manifests were applied once
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    ApplyOutcome first = gateway.apply(namespace, pr, manifests(pr, "v1"));
    String uid = web(namespace).getMetadata().getUid();

    // When they are applied again with a new tag
    ApplyOutcome second = gateway.apply(namespace, pr, manifests(pr, "v2"));

    // Then the same objects were replaced, not recreated
    assertThat(first)
        .isEqualTo(
            new ApplyOutcome(
                List.of("Deployment/web", "Ingress/web", "Service/web"), List.of(), List.of()));
    assertThat(second)
        .isEqualTo(
            new ApplyOutcome(
                List.of(), List.of("Deployment/web", "Ingress/web", "Service/web"), List.of()));
    Deployment web = web(namespace);
    assertThat(web.getMetadata().getUid()).isEqualTo(uid);
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example.com/acme/web:v2");
    assertThat(web.getMetadata().getLabels())
        .containsEntry("shipmate.dev/pr", Integer.toString(pr));
    assertThat(namespace(namespace).getMetadata().getAnnotations())
        .containsEntry(
            "shipmate.dev/applied-kinds",
            "apps/v1/Deployment,networking.k8s.io/v1/Ingress,v1/Service");
  }

  @Test
  @DisplayName("applying prunes this preview's objects that left the manifests, and only those")
  void prunes() {
    // Given a preview applied with an extra ConfigMap, and objects that are not its own
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    List<HasMetadata> withConfig = new ArrayList<>(manifests(pr, "v1"));
    withConfig.add(configMap(namespace, "settings", pr));
    gateway.apply(namespace, pr, withConfig);
    ConfigMap someoneElses = configMap(namespace, "by-hand", pr);
    someoneElses.getMetadata().getLabels().clear();
    client.resource(someoneElses).create();

    // When it is applied without the ConfigMap (its kind no longer in the manifests at all)
    ApplyOutcome outcome = gateway.apply(namespace, pr, manifests(pr, "v1"));

    // Then the ConfigMap is pruned, the unlabelled one stays
    assertThat(outcome.pruned()).containsExactly("ConfigMap/settings");
    assertThat(client.configMaps().inNamespace(namespace).withName("settings").get()).isNull();
    assertThat(client.configMaps().inNamespace(namespace).withName("by-hand").get()).isNotNull();
    assertThat(web(namespace)).isNotNull();
  }

  @Test
  @DisplayName("applying into a namespace that is not there asks for it first")
  void applyWithoutNamespace() {
    assertThatThrownBy(() -> gateway.apply(namespace, pr, manifests(pr, "v1")))
        .isInstanceOf(PreviewNotFoundException.class)
        .hasMessageContaining("there is no preview in namespace " + namespace);
  }

  @Test
  @DisplayName("the list holds every preview, oldest first, with its status")
  void list() {
    // Given two previews, the second made an hour later, whose web is available
    int second = pr + 2000;
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    gateway.apply(namespace, pr, manifests(pr, "v1"));
    new Fabric8PreviewGateway(client, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), judge)
        .ensureNamespace(wanted(second, NOW.plusSeconds(7200), "v2"));
    gateway.apply("pr-" + second, second, manifests(second, "v2"));
    markAvailable("pr-" + second);

    List<Preview> ours =
        gateway.list().stream().filter(p -> p.pr() == pr || p.pr() == second).toList();

    assertThat(ours).extracting(Preview::pr).containsExactly(pr, second);
    assertThat(ours)
        .extracting(Preview::status)
        .containsExactly(PreviewStatus.STARTING, PreviewStatus.READY);
    assertThat(ours.get(1).created()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(gateway.find(namespace)).contains(ours.get(0));
    assertThat(gateway.find("kube-system")).isEmpty();
  }

  @Test
  @DisplayName("readiness reads every Deployment of the namespace with its ReplicaSets and pods")
  void deployments() {
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    gateway.apply(namespace, pr, manifests(pr, "v1"));

    assertThat(judge.judge(gateway.deployments(namespace))).isInstanceOf(Readiness.Waiting.class);
    markAvailable(namespace);
    assertThat(judge.judge(gateway.deployments(namespace)))
        .isEqualTo(new Readiness.Ready(List.of("web")));
  }

  @Test
  @DisplayName("extending rewrites the expiry; extending what is not there says so")
  void extend() {
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));

    Preview extended = gateway.extend(namespace, NOW.plus(Duration.ofDays(1)));
    gateway.markWarned(namespace, NOW.plus(Duration.ofDays(1)));

    assertThat(extended.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(gateway.find(namespace).orElseThrow().warnedFor())
        .contains(NOW.plus(Duration.ofDays(1)));
    assertThat(namespace(namespace).getMetadata().getAnnotations())
        .containsEntry("shipmate.dev/expires-at", "2026-11-22T10:00:00Z");
    assertThatThrownBy(() -> gateway.extend("pr-999999", NOW))
        .isInstanceOf(PreviewNotFoundException.class)
        .hasMessage(
            "there is no preview in namespace pr-999999: /env list shows the previews there are,"
                + " /env up pr-<number> makes one");
  }

  @Test
  @DisplayName("deleting reports gone only once the namespace no longer exists")
  void delete() {
    // Given a preview, and an API server that, like a real one, keeps it a while after the delete
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    Namespace terminating = namespace(namespace);
    terminating.getMetadata().setDeletionTimestamp(NOW.toString());
    server
        .expect()
        .delete()
        .withPath("/api/v1/namespaces/" + namespace)
        .andReturn(200, terminating)
        .once();

    // When it is deleted, then asked again
    Deletion first = gateway.delete(namespace);
    Deletion second = gateway.delete(namespace);
    Deletion third = gateway.delete(namespace);

    // Then it is terminating while it exists, and gone after
    assertThat(first).isEqualTo(Deletion.TERMINATING);
    assertThat(second).isEqualTo(Deletion.GONE);
    assertThat(third).isEqualTo(Deletion.GONE);
    assertThat(namespace(namespace)).isNull();
  }

  @Test
  @DisplayName("a namespace being deleted is listed as terminating and cannot be brought up")
  void terminating() {
    Namespace leaving =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(namespace)
            .addToLabels(PreviewLabels.PREVIEW, "true")
            .addToLabels(PreviewLabels.PR, Integer.toString(pr))
            .withDeletionTimestamp(NOW.toString())
            .addToFinalizers("kubernetes")
            .endMetadata()
            .build();
    // The API server keeps a namespace whose finalizers still run; the CRUD mock would not.
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + namespace)
        .andReturn(200, leaving)
        .always();

    assertThat(gateway.find(namespace).map(Preview::status)).contains(PreviewStatus.TERMINATING);
    assertThatThrownBy(() -> gateway.ensureNamespace(wanted(pr, NOW, "v1")))
        .isInstanceOf(PreviewConflictException.class)
        .hasMessage(
            "the preview in namespace "
                + namespace
                + " is still being removed: try again in a minute, once /env list no longer"
                + " shows it");
  }

  @Test
  @DisplayName("a watch wakes the listener when a Deployment of the preview changes")
  void watch() throws InterruptedException {
    gateway.ensureNamespace(wanted(pr, NOW.plusSeconds(3600), "v1"));
    gateway.apply(namespace, pr, manifests(pr, "v1"));
    CountDownLatch ready = new CountDownLatch(1);
    DeploymentWatch watch =
        gateway.watch(
            namespace,
            () -> {
              if (judge.judge(gateway.deployments(namespace)) instanceof Readiness.Ready) {
                ready.countDown();
              }
            });
    try {
      markAvailable(namespace);

      assertThat(ready.await(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      watch.close();
    }
  }
}
