package dev.shipmate.pipelines.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.Policy;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesClientsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  @TempDir static Path dir;

  @BeforeAll
  static void aNamespaceOnTheServer() {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("marker").endMetadata().build())
        .create();
  }

  /** A kubeconfig whose context {@code sandbox} is the mock server; the current one is not. */
  private static String kubeconfig(String sandboxContext) {
    return """
        apiVersion: v1
        kind: Config
        current-context: elsewhere
        clusters:
        - name: sandbox
          cluster: {server: "http://%s:%d"}
        - name: elsewhere
          cluster: {server: "http://127.0.0.1:1"}
        contexts:
        - name: %s
          context: {cluster: sandbox, user: tester}
        - name: elsewhere
          context: {cluster: elsewhere, user: tester}
        users:
        - name: tester
          user: {token: not-a-secret}
        """
        .formatted(server.getHostName(), server.getPort(), sandboxContext);
  }

  private static boolean reachesSandbox(KubernetesClient candidate) {
    return candidate.namespaces().withName("marker").get() != null;
  }

  /** The kubeconfig, written to a file as {@link KubernetesClients} reads it. */
  private static KubernetesClients clients() throws IOException {
    return KubernetesClients.fromKubeconfig(
        Files.writeString(dir.resolve("config"), kubeconfig("sandbox")));
  }

  @Test
  @DisplayName("a context's client talks to that context's server, is kept, and does not retry")
  void clientPerContext() throws IOException {
    try (KubernetesClients clients = clients()) {
      KubernetesClient sandbox = clients.forContext("sandbox");

      assertThat(reachesSandbox(sandbox)).isTrue();
      assertThat(clients.forContext("sandbox")).isSameAs(sandbox);
      assertThat(clients.forContext("elsewhere")).isNotSameAs(sandbox);
      assertThat(sandbox.getConfiguration().getRequestRetryBackoffLimit()).isZero();
    }
  }

  @Test
  @DisplayName("a cluster's client is its context's")
  void clientPerCluster() throws IOException {
    Cluster dev =
        new Cluster(
            "dev",
            "sandbox",
            Cluster.Provider.NONE,
            Optional.empty(),
            Optional.empty(),
            Policy.OPEN);
    try (KubernetesClients clients = clients()) {
      assertThat(clients.forCluster(dev)).isSameAs(clients.forContext("sandbox"));
      assertThat(DeploymentGateways.fabric8(clients).on(dev))
          .isInstanceOf(Fabric8DeploymentGateway.class);
    }
  }

  @Test
  @DisplayName("a context the kubeconfig lacks is refused, not swapped for the current one")
  void unknownContext() throws IOException {
    try (KubernetesClients clients = clients()) {
      assertThatThrownBy(() -> clients.forContext("prod-eu"))
          .isInstanceOf(UnknownContextException.class)
          .hasMessage(
              "no kubeconfig context named 'prod-eu' in the kubeconfig "
                  + dir.resolve("config")
                  + " (its contexts:"
                  + " elsewhere, sandbox): fix the cluster's context in the configuration, or"
                  + " point KUBECONFIG at a kubeconfig that has it");
    }
  }

  @Test
  @DisplayName("closing closes every client made, and no client is made afterwards")
  void close() throws IOException {
    KubernetesClients clients = clients();
    KubernetesClient sandbox = clients.forContext("sandbox");

    clients.close();

    assertThat(sandbox.getHttpClient().isClosed()).isTrue();
    assertThatThrownBy(() -> clients.forContext("sandbox"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a kubeconfig file is read when a context is first used, not before")
  void readLazily(@TempDir Path own) throws IOException {
    Path file = own.resolve("config");
    try (KubernetesClients clients = KubernetesClients.fromKubeconfig(file)) {
      // written after the clients were made, before the first context was asked for
      Files.writeString(file, kubeconfig("sandbox"));

      assertThat(reachesSandbox(clients.forContext("sandbox"))).isTrue();
    }
  }

  @Test
  @DisplayName("from the environment, every file KUBECONFIG lists is searched for the context")
  void fromEnvironment(@TempDir Path own) throws IOException {
    // Given two kubeconfig files, the sandbox context only in the second. fabric8 reads the
    // 'kubeconfig' system property before the KUBECONFIG variable, so the test sets that.
    Path first =
        Files.writeString(
            own.resolve("first"), kubeconfig("other").replace("name: other", "name: unused"));
    Path second = Files.writeString(own.resolve("second"), kubeconfig("sandbox"));
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", first + File.pathSeparator + second);
    try (KubernetesClients clients = KubernetesClients.fromEnvironment()) {
      assertThat(reachesSandbox(clients.forContext("sandbox"))).isTrue();
      assertThatThrownBy(() -> clients.forContext("nowhere"))
          .isInstanceOf(UnknownContextException.class)
          .hasMessageContaining(first.toString());
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
  }
}
