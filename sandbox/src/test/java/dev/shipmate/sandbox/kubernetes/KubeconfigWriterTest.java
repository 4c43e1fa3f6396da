package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The kubeconfig writer names one context per simulated cluster")
class KubeconfigWriterTest {

  private static final List<KubeContext> CONTEXTS =
      List.of(
          new KubeContext("prod-eu", URI.create("http://127.0.0.1:40001"), "default"),
          new KubeContext("dev", URI.create("http://127.0.0.1:40002"), "staging"));

  @Test
  @DisplayName("fabric8 reads each context back with its server and namespace")
  void readableByFabric8(@TempDir Path folder) throws Exception {
    Path file = KubeconfigWriter.write(folder.resolve("nested/config"), CONTEXTS, "prod-eu");

    Config dev = Config.fromKubeconfig("dev", file.toFile());
    Config current = Config.fromKubeconfig(file.toFile());

    assertThat(dev.getMasterUrl()).startsWith("http://127.0.0.1:40002");
    assertThat(dev.getNamespace()).isEqualTo("staging");
    assertThat(current.getMasterUrl()).startsWith("http://127.0.0.1:40001");
    assertThat(current.getCurrentContext().getName()).isEqualTo("prod-eu");
  }

  @Test
  @DisplayName("a current context that is not among the contexts is refused, naming the choices")
  void unknownCurrentContext() {
    assertThatThrownBy(() -> KubeconfigWriter.render(CONTEXTS, "prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prod'")
        .hasMessageContaining("[prod-eu, dev]");
  }
}
