package dev.shipmate.bot.install;

import static dev.shipmate.bot.install.DeployFolder.BASE;
import static dev.shipmate.bot.install.DeployFolder.ROOT;
import static dev.shipmate.bot.install.DeployFolder.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.config.LoadResult;
import dev.shipmate.config.Previews;
import dev.shipmate.config.ShipmateConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invariants of {@code deploy/}, checked on the files operators apply. */
class DeployManifestsTest {

  private static final String SERVICE_ACCOUNT_TOKEN =
      "/var/run/secrets/kubernetes.io/serviceaccount/token";

  private static final List<HasMetadata> BASE_OBJECTS = DeployFolder.resources(BASE);

  /**
   * What the pipelines ask of the Kubernetes API, read from their gateways: the RBAC must allow
   * each.
   */
  private record Need(String group, String resource, String verb, String why) {}

  private static final List<Need> NEEDS =
      List.of(
          new Need("apps", "deployments", "get", "Fabric8DeploymentGateway.snapshot"),
          new Need("apps", "deployments", "watch", "Fabric8DeploymentGateway.watch"),
          new Need("apps", "deployments", "patch", "Fabric8DeploymentGateway: JSON patch"),
          new Need("apps", "deployments", "list", "Fabric8PreviewGateway.list"),
          new Need("apps", "replicasets", "list", "snapshot: the ReplicaSets of a Deployment"),
          new Need("apps", "replicasets", "watch", "watch while a rollout goes"),
          new Need("", "pods", "list", "snapshot: the pods of a Deployment"),
          new Need("rbac.authorization.k8s.io", "rolebindings", "get", "previews: bound yet?"),
          new Need("rbac.authorization.k8s.io", "rolebindings", "create", "previews: bind"),
          new Need("", "pods", "delete", "upgrade: forced drain (shipmate-force-drain)"),
          new Need("apps", "deployments", "list", "drift: Fabric8LiveObjects"),
          new Need("", "pods", "watch", "watch while a rollout goes"),
          new Need("", "namespaces", "get", "Fabric8PreviewGateway.find"),
          new Need("", "namespaces", "list", "Fabric8PreviewGateway.list: by label"),
          new Need("", "namespaces", "create", "Fabric8PreviewGateway.ensureNamespace"),
          new Need("", "namespaces", "patch", "Fabric8PreviewGateway: edit() of labels"),
          new Need("", "namespaces", "delete", "Fabric8PreviewGateway.delete"),
          new Need("apps", "deployments", "create", "preview manifests: createOr"),
          new Need("apps", "deployments", "update", "preview manifests: createOr(update)"),
          new Need("apps", "deployments", "delete", "preview manifests: prune"),
          new Need("", "services", "create", "preview manifests"),
          new Need("", "services", "update", "preview manifests"),
          new Need("", "services", "delete", "preview manifests: prune"),
          new Need("networking.k8s.io", "ingresses", "create", "preview manifests"),
          new Need("networking.k8s.io", "ingresses", "update", "preview manifests"),
          new Need("networking.k8s.io", "ingresses", "list", "preview manifests: prune"),
          new Need("networking.k8s.io", "ingresses", "delete", "preview manifests: prune"),
          new Need("", "nodes", "list", "upgrade: the nodes of a group"),
          new Need("", "nodes", "patch", "upgrade: cordon"),
          new Need("", "pods/eviction", "create", "upgrade: drain"),
          new Need("policy", "poddisruptionbudgets", "list", "upgrade: which budget blocks"));

  private static Deployment deployment() {
    return only(BASE_OBJECTS, Deployment.class);
  }

  private static Container container() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static List<PolicyRule> rules() {
    List<PolicyRule> rules = new ArrayList<>();
    DeployFolder.ofKind(BASE_OBJECTS, ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
    DeployFolder.ofKind(BASE_OBJECTS, Role.class).forEach(r -> rules.addAll(r.getRules()));
    return rules;
  }

  @Test
  @DisplayName("every YAML file under deploy/ parses, and every manifest the base lists loads")
  void everythingParses() {
    assertThat(DeployFolder.yamlFiles()).hasSizeGreaterThan(10);
    DeployFolder.yamlFiles()
        .forEach(file -> assertThat(DeployFolder.documents(file)).as("%s", file).isNotEmpty());
    Set<String> kinds = BASE_OBJECTS.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    assertThat(kinds)
        .contains(
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget");
  }

  @Test
  @DisplayName("the base lists every manifest file in its folder, so none is silently left out")
  void baseListsEveryFile() throws IOException {
    Set<String> listed = new java.util.TreeSet<>();
    DeployFolder.kustomization(BASE).path("resources").forEach(r -> listed.add(r.asText()));
    DeployFolder.kustomization(BASE)
        .path("configMapGenerator")
        .forEach(g -> g.path("files").forEach(f -> listed.add(f.asText())));
    try (Stream<Path> files = Files.list(BASE)) {
      Set<String> present =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> !n.equals("kustomization.yaml"))
              .collect(Collectors.toCollection(java.util.TreeSet::new));
      assertThat(listed).isEqualTo(present);
    }
  }

  @Test
  @DisplayName("the RBAC has no wildcard verb, resource or API group")
  void noWildcards() {
    assertThat(rules()).isNotEmpty();
    for (PolicyRule rule : rules()) {
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*").noneMatch(r -> r.endsWith("/*"));
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
      if (!rule.getVerbs().equals(List.of("bind"))) {
        assertThat(rule.getResourceNames()).isNullOrEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "the RBAC allows every call the pipelines' gateways make, and nothing that writes secrets")
  void verbsCoverTheCode() {
    for (Need need : NEEDS) {
      assertThat(rules())
          .as("%s %s/%s (%s)", need.verb(), need.group(), need.resource(), need.why())
          .anyMatch(
              rule ->
                  rule.getApiGroups().contains(need.group())
                      && rule.getResources().contains(need.resource())
                      && rule.getVerbs().contains(need.verb()));
    }
    assertThat(rules())
        .noneMatch(rule -> rule.getResources().contains("secrets"))
        .noneMatch(rule -> rule.getVerbs().contains("escalate"))
        .filteredOn(rule -> rule.getVerbs().contains("bind"))
        .allSatisfy(rule -> assertThat(rule.getResourceNames()).hasSize(1));
  }

  @Test
  @DisplayName(
      "every ClusterRole is bound to Shipmate's service account, the one its pods run as: cluster-wide,"
          + " per environment namespace, per preview by Shipmate, or (forced drains) by hand")
  void rolesAreBound() {
    ServiceAccount account = only(BASE_OBJECTS, ServiceAccount.class);
    String namespace = DeployFolder.kustomization(BASE).path("namespace").asText();
    assertThat(only(BASE_OBJECTS, Namespace.class).getMetadata().getName()).isEqualTo(namespace);
    for (Path overlay : DeployFolder.overlays()) {
      List<HasMetadata> rendered = DeployFolder.render(overlay);
      Set<String> bound = new java.util.TreeSet<>();
      DeployFolder.ofKind(rendered, ClusterRoleBinding.class).stream()
          .filter(b -> b.getSubjects().stream().anyMatch(s -> isShipmate(s, account, namespace)))
          .forEach(b -> bound.add(b.getRoleRef().getName()));
      DeployFolder.ofKind(rendered, RoleBinding.class).stream()
          .filter(b -> b.getSubjects().stream().anyMatch(s -> isShipmate(s, account, namespace)))
          .forEach(b -> bound.add(b.getRoleRef().getName()));
      bound.add(Previews.OBJECTS_ROLE); // bound in each preview namespace by Shipmate itself
      bound.add("shipmate-force-drain"); // bound by hand, by whoever wants forced drains
      assertThat(bound)
          .as("%s", overlay)
          .containsExactlyInAnyOrderElementsOf(
              DeployFolder.ofKind(rendered, ClusterRole.class).stream()
                  .map(r -> r.getMetadata().getName())
                  .toList());
    }
    assertThat(deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account.getMetadata().getName());
  }

  private static boolean isShipmate(
      io.fabric8.kubernetes.api.model.rbac.Subject subject,
      ServiceAccount account,
      String namespace) {
    return subject.getKind().equals("ServiceAccount")
        && subject.getName().equals(account.getMetadata().getName())
        && namespace.equals(subject.getNamespace());
  }

  @Test
  @DisplayName(
      "readiness asks /readyz on the management port, liveness /healthz on the public one; the"
          + " Service routes only the public port")
  void probes() {
    Container container = container();
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(3000);
            });
    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("PORT");
              assertThat(e.getValue()).isEqualTo("3000");
            });
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("management");
    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getContainerPort())
                  .isEqualTo(Integer.parseInt(env(container, "MANAGEMENT_PORT")));
            });
    assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", env(container, "MANAGEMENT_PORT"))
        .containsEntry("prometheus.io/path", "/metrics");
    Service service = only(BASE_OBJECTS, Service.class);
    assertThat(service.getSpec().getPorts())
        .allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
  }

  @Test
  @DisplayName("the pod runs as non-root on a read-only root filesystem, with only /tmp writable")
  void locked_down() {
    PodSpec pod = deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    Container container = container();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    Map<String, Volume> volumes =
        pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    List<VolumeMount> writable =
        container.getVolumeMounts().stream()
            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
            .toList();
    assertThat(writable)
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(volumes.get(writable.get(0).getName()).getEmptyDir()).isNotNull();
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  @DisplayName("secrets are referenced by name, never written into the manifests")
  void secretsReferenced() throws IOException {
    assertThat(BASE_OBJECTS).noneMatch(o -> o.getKind().equals("Secret"));
    for (Path file : DeployFolder.yamlFiles()) {
      assertThat(Files.readString(file)).as("%s", file).doesNotContain("xoxb-1", "kind: Secret");
    }
    assertThat(container().getEnvFrom())
        .extracting(EnvFromSource::getSecretRef)
        .anySatisfy(ref -> assertThat(ref.getName()).isEqualTo("shipmate-slack"));
  }

  @Test
  @DisplayName(
      "two replicas by default, kept by a disruption budget, behind a Service on the http port")
  void highlyAvailableByDefault() {
    Deployment deployment = deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    PodDisruptionBudget budget = only(BASE_OBJECTS, PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    Service service = only(BASE_OBJECTS, Service.class);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
  }

  @Test
  @DisplayName(
      "the in-cluster configuration loads and names the context the mounted kubeconfig has")
  void configurationAndKubeconfig() throws Exception {
    LoadResult result =
        ConfigFiles.load(
            BASE.resolve("shipmate.yaml"),
            Map.of(
                "SLACK_BOT_TOKEN", "xoxb-test",
                "SLACK_SIGNING_SECRET", "secret",
                "SHIPMATE_DB_URL", "jdbc:postgresql://db:5432/shipmate"));
    assertThat(result.errors()).isEmpty();
    ShipmateConfig config = result.orThrow();
    assertThat(config.clusters().values())
        .allSatisfy(c -> assertThat(c.context()).isEqualTo("in-cluster"));
    assertThat(env(container(), "SHIPMATE_CONFIG")).isEqualTo("/etc/shipmate/shipmate.yaml");
    assertThat(env(container(), "KUBECONFIG")).isEqualTo("/etc/shipmate-kube/kubeconfig");
  }

  @Test
  @DisplayName("fabric8 takes the service account token from the kubeconfig's exec credential")
  void kubeconfigHandsOverTheToken(@TempDir Path dir) throws IOException {
    String kubeconfig = Files.readString(BASE.resolve("kubeconfig"));
    assertThat(kubeconfig).contains(SERVICE_ACCOUNT_TOKEN);
    Path token = Files.writeString(dir.resolve("token"), "eyJ-service-account-token");
    Config config =
        Config.fromKubeconfig(
            "in-cluster", kubeconfig.replace(SERVICE_ACCOUNT_TOKEN, token.toString()), null);
    assertThat(config.getCurrentContext().getName()).isEqualTo("in-cluster");
    assertThat(config.getMasterUrl()).startsWith("https://kubernetes.default.svc");
    assertThat(config.getAutoOAuthToken()).isEqualTo("eyJ-service-account-token");
  }

  @Test
  @DisplayName("single-h2: one replica, replaced not rolled, its H2 file on a claimed volume")
  void singleH2Overlay() {
    Path overlay = ROOT.resolve("overlays/single-h2");
    assertThat(DeployFolder.kustomization(overlay).path("resources").toString())
        .contains("../../base");
    Deployment patch = DeployFolder.patch(overlay.resolve("deployment-h2.yaml"), Deployment.class);
    assertThat(patch.getSpec().getReplicas()).isEqualTo(1);
    assertThat(patch.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    Container container = patch.getSpec().getTemplate().getSpec().getContainers().get(0);
    String url = env(container, "SHIPMATE_DB_URL");
    assertThat(url).startsWith("jdbc:h2:file:");
    VolumeMount data = container.getVolumeMounts().get(0);
    assertThat(url).contains(data.getMountPath() + "/");
    String claim =
        patch
            .getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .get(0)
            .getPersistentVolumeClaim()
            .getClaimName();
    PersistentVolumeClaim pvc = only(DeployFolder.resources(overlay), PersistentVolumeClaim.class);
    assertThat(pvc.getMetadata().getName()).isEqualTo(claim);
  }

  @Test
  @DisplayName("ha-postgres: two replicas spread over nodes, the database URL from a Secret")
  void haPostgresOverlay() {
    Path overlay = ROOT.resolve("overlays/ha-postgres");
    Deployment patch =
        DeployFolder.patch(overlay.resolve("deployment-postgres.yaml"), Deployment.class);
    assertThat(patch.getSpec().getReplicas()).isEqualTo(2);
    assertThat(patch.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isNotEmpty();
    List<EnvFromSource> from =
        patch.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom();
    assertThat(from)
        .extracting(f -> f.getSecretRef().getName())
        .contains("shipmate-slack", "shipmate-postgres");
    JsonNode comment = DeployFolder.kustomization(overlay);
    assertThat(comment.path("resources").toString()).contains("../../base");
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name))
        .getValue();
  }
}
