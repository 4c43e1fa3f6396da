package dev.shipmate.bot.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Previews;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.preview.PreviewLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege, checked on each overlay as {@code kubectl kustomize} renders it: Shipmate may
 * write workloads only in the namespaces its configuration names (RoleBindings) and in the preview
 * namespaces it creates (a RoleBinding it puts there, fenced by the admission policy).
 */
class DeployRbacTest {

  /** The verbs that change something. */
  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection", "*");

  /** Namespaced kinds whose write, granted cluster-wide, would let a stolen token run anything. */
  private static final Set<String> WORKLOADS =
      Set.of(
          "deployments",
          "replicasets",
          "statefulsets",
          "daemonsets",
          "pods",
          "services",
          "configmaps",
          "secrets",
          "ingresses",
          "jobs",
          "cronjobs",
          "serviceaccounts",
          "roles",
          "persistentvolumeclaims",
          "*");

  static List<Path> overlays() {
    assertThat(DeployFolder.overlays()).hasSizeGreaterThanOrEqualTo(2);
    return DeployFolder.overlays();
  }

  private static Map<String, ClusterRole> clusterRoles(List<HasMetadata> objects) {
    return DeployFolder.ofKind(objects, ClusterRole.class).stream()
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
  }

  private static ServiceAccount account(List<HasMetadata> objects) {
    return DeployFolder.only(objects, ServiceAccount.class);
  }

  private static boolean isShipmate(Subject subject, ServiceAccount account) {
    return "ServiceAccount".equals(subject.getKind())
        && account.getMetadata().getName().equals(subject.getName())
        && account.getMetadata().getNamespace().equals(subject.getNamespace());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  @DisplayName("no ClusterRoleBinding grants a write on namespaced workloads cluster-wide")
  void noClusterWideWorkloadWrites(Path overlay) {
    List<HasMetadata> objects = DeployFolder.render(overlay);
    Map<String, ClusterRole> roles = clusterRoles(objects);
    List<ClusterRoleBinding> bindings = DeployFolder.ofKind(objects, ClusterRoleBinding.class);
    assertThat(bindings).isNotEmpty();
    for (ClusterRoleBinding binding : bindings) {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      ClusterRole role = roles.get(binding.getRoleRef().getName());
      assertThat(role).as("the role %s binds", binding.getMetadata().getName()).isNotNull();
      for (PolicyRule rule : role.getRules()) {
        boolean writes = rule.getVerbs().stream().anyMatch(WRITES::contains);
        boolean workloads = rule.getResources().stream().anyMatch(WORKLOADS::contains);
        assertThat(writes && workloads)
            .as(
                "%s binds %s cluster-wide: %s on %s",
                binding.getMetadata().getName(),
                role.getMetadata().getName(),
                rule.getVerbs(),
                rule.getResources())
            .isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  @DisplayName(
      "every environment namespace of the base configuration has a RoleBinding of the deploy"
          + " role for Shipmate's service account, and nothing binds that role cluster-wide")
  void deploysThroughNamespacedBindings(Path overlay) throws Exception {
    List<HasMetadata> objects = DeployFolder.render(overlay);
    ServiceAccount account = account(objects);
    ShipmateConfig config =
        ConfigFiles.load(
                DeployFolder.BASE.resolve("shipmate.yaml"),
                Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-test",
                    "SLACK_SIGNING_SECRET", "secret",
                    "SHIPMATE_DB_URL", "jdbc:postgresql://db:5432/shipmate"))
            .orThrow();
    Set<String> namespaces =
        config.environments().values().stream()
            .map(Environment::namespace)
            .collect(Collectors.toSet());
    assertThat(namespaces).isNotEmpty();
    Set<String> bound =
        DeployFolder.ofKind(objects, RoleBinding.class).stream()
            .filter(b -> b.getRoleRef().getName().equals("shipmate-deploys"))
            .filter(b -> b.getSubjects().stream().anyMatch(s -> isShipmate(s, account)))
            .map(b -> b.getMetadata().getNamespace())
            .collect(Collectors.toSet());
    assertThat(bound).containsAll(namespaces);
    assertThat(clusterRoles(objects)).containsKey("shipmate-deploys");
    assertThat(DeployFolder.ofKind(objects, ClusterRoleBinding.class))
        .extracting(b -> b.getRoleRef().getName())
        .doesNotContain("shipmate-deploys", Previews.OBJECTS_ROLE, "shipmate-force-drain");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  @DisplayName(
      "Shipmate may bind the preview objects role and no other; that role exists and holds what a"
          + " preview's manifests need")
  void previewsBindOnlyTheirRole(Path overlay) {
    List<HasMetadata> objects = DeployFolder.render(overlay);
    Map<String, ClusterRole> roles = clusterRoles(objects);
    assertThat(roles).containsKey(Previews.OBJECTS_ROLE);
    List<PolicyRule> binds =
        roles.values().stream()
            .flatMap(r -> r.getRules().stream())
            .filter(
                rule -> rule.getVerbs().contains("bind") || rule.getVerbs().contains("escalate"))
            .toList();
    assertThat(binds)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getVerbs()).containsExactly("bind");
              assertThat(rule.getResources()).containsExactly("clusterroles");
              assertThat(rule.getResourceNames()).containsExactly(Previews.OBJECTS_ROLE);
            });
    assertThat(roles.get(Previews.OBJECTS_ROLE).getRules())
        .anySatisfy(
            r -> {
              assertThat(r.getResources()).contains("deployments");
              assertThat(r.getVerbs()).contains("create", "update", "delete", "watch");
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  @DisplayName(
      "the admission policy refuses Shipmate's writes outside namespaces with the preview label,"
          + " and is bound to deny")
  void admissionPolicyFencesPreviews(Path overlay) {
    List<HasMetadata> objects = DeployFolder.render(overlay);
    ServiceAccount account = account(objects);
    ValidatingAdmissionPolicy policy = DeployFolder.only(objects, ValidatingAdmissionPolicy.class);
    ValidatingAdmissionPolicyBinding binding =
        DeployFolder.only(objects, ValidatingAdmissionPolicyBinding.class);
    assertThat(policy.getMetadata().getNamespace()).isNull();
    assertThat(binding.getMetadata().getNamespace()).isNull();
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");

    String username =
        "system:serviceaccount:"
            + account.getMetadata().getNamespace()
            + ":"
            + account.getMetadata().getName();
    assertThat(policy.getSpec().getMatchConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getExpression()).contains("'" + username + "'"));
    assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
        .anySatisfy(
            r -> {
              assertThat(r.getResources()).contains("*");
              assertThat(r.getOperations()).contains("CREATE", "UPDATE", "DELETE");
            });
    List<String> expressions =
        policy.getSpec().getValidations().stream().map(Validation::getExpression).toList();
    String label = "['" + PreviewLabels.PREVIEW + "'] == 'true'";
    assertThat(expressions)
        .anySatisfy(e -> assertThat(e).contains("namespaceObject").contains(label))
        .anySatisfy(e -> assertThat(e).contains("object.metadata.labels" + label));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  @DisplayName(
      "every write another pipeline needs outside preview namespaces is left out of the admission"
          + " policy, so the fence does not stop deploys and drains")
  void admissionPolicySparesTheOtherPipelines(Path overlay) {
    List<HasMetadata> objects = DeployFolder.render(overlay);
    ValidatingAdmissionPolicy policy = DeployFolder.only(objects, ValidatingAdmissionPolicy.class);
    List<NamedRuleWithOperations> excluded =
        policy.getSpec().getMatchConstraints().getExcludeResourceRules();
    Set<String> previewRoles = Set.of("shipmate-previews", Previews.OBJECTS_ROLE);
    for (ClusterRole role : clusterRoles(objects).values()) {
      if (previewRoles.contains(role.getMetadata().getName())) {
        continue;
      }
      for (PolicyRule rule : role.getRules()) {
        for (String verb : rule.getVerbs()) {
          String operation = operation(verb);
          if (operation == null) {
            continue;
          }
          for (String resource : rule.getResources()) {
            assertThat(excluded)
                .as("%s: %s %s", role.getMetadata().getName(), verb, resource)
                .anySatisfy(
                    r -> {
                      assertThat(r.getApiGroups()).containsAnyElementsOf(rule.getApiGroups());
                      assertThat(r.getResources()).contains(resource);
                      assertThat(r.getOperations()).contains(operation);
                    });
          }
        }
      }
    }
  }

  private static String operation(String verb) {
    return switch (verb) {
      case "create" -> "CREATE";
      case "update", "patch" -> "UPDATE";
      case "delete", "deletecollection" -> "DELETE";
      default -> null;
    };
  }
}
