package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PodDisruptionBudgets report their status and guard the Eviction API")
class EvictionIT {

  private SimulatedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void startCluster() {
    cluster = SimulatedCluster.start();
    client = cluster.client();
    cluster.addDeployment("default", "web", "web:v1", 3);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Test
  @DisplayName("a budget's status counts healthy pods against what it needs")
  void budgetStatus() {
    client.resource(budget(new IntOrString(2), null)).create();
    cluster.settle();

    PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().withName("web").get();
    assertThat(pdb.getStatus().getCurrentHealthy()).isEqualTo(3);
    assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(2);
    assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
    assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(3);
    assertThat(pdb.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(pdb.getStatus().getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getType()).isEqualTo("DisruptionAllowed");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("SufficientPods");
            });
  }

  @Test
  @DisplayName("maxUnavailable as a percentage is taken of the Deployment's replicas")
  void percentage() {
    client.resource(budget(null, new IntOrString("34%"))).create();
    cluster.settle();

    PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().withName("web").get();
    assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(3);
    assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(1);
    assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "an eviction the budget blocks is refused with 429, and allowed once the replacement is Ready")
  void blockedThenAllowed() {
    client.resource(budget(new IntOrString(2), null)).create();
    cluster.settle();
    List<Pod> pods = client.pods().withLabel("app", "web").list().getItems();

    // The first eviction uses the one allowed disruption: the pod goes and a replacement starts
    assertThat(client.pods().withName(name(pods.get(0))).evict()).isTrue();
    assertThat(client.pods().withName(name(pods.get(0))).get()).isNull();
    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .withName("web")
                .get()
                .getStatus()
                .getDisruptionsAllowed())
        .isZero();

    // The second is refused while the replacement is not Ready
    assertThat(client.pods().withName(name(pods.get(1))).evict()).isFalse();
    assertThat(client.pods().withName(name(pods.get(1))).get()).isNotNull();

    // Once it is Ready, the second goes too
    cluster.advance(Duration.ofSeconds(5));
    assertThat(client.pods().withName(name(pods.get(1))).evict()).isTrue();
  }

  @Test
  @DisplayName("the refusal is a 429 Status naming the budget, as kubectl drain prints it")
  void refusalBody() throws IOException, InterruptedException {
    client.resource(budget(new IntOrString(3), null)).create();
    cluster.settle();
    String pod = name(client.pods().withLabel("app", "web").list().getItems().get(0));

    HttpResponse<String> response = postEviction(pod);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.body())
        .contains("\"reason\":\"TooManyRequests\"")
        .contains("Cannot evict pod as it would violate the pod's disruption budget.")
        .contains("The disruption budget web needs 3 healthy pods and has 3 currently");
  }

  @Test
  @DisplayName("an evicted pod is replaced on a schedulable node, not on its cordoned one")
  void replacedElsewhere() {
    Pod victim = client.pods().withLabel("app", "web").list().getItems().get(0);
    String node = victim.getSpec().getNodeName();
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(true);
              return n;
            });

    assertThat(client.pods().withName(name(victim)).evict()).isTrue();
    cluster.advance(Duration.ofSeconds(5));

    assertThat(client.pods().withLabel("app", "web").list().getItems())
        .hasSize(3)
        .noneSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo(node));
  }

  @Test
  @DisplayName("evicting a pod that does not exist is a 404")
  void missingPod() {
    assertThatThrownBy(() -> client.pods().withName("nope").evict())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
  }

  private HttpResponse<String> postEviction(String pod) throws IOException, InterruptedException {
    String body =
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
            + pod
            + "\",\"namespace\":\"default\"}}";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        cluster.url() + "/api/v1/namespaces/default/pods/" + pod + "/eviction"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static PodDisruptionBudget budget(IntOrString minAvailable, IntOrString maxUnavailable) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName("web")
        .endMetadata()
        .withNewSpec()
        .withMinAvailable(minAvailable)
        .withMaxUnavailable(maxUnavailable)
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .endSpec()
        .build();
  }
}
