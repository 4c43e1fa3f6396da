package dev.shipmate.pipelines.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @TempDir Path root;

  private final ManifestReader reader = new ManifestReader();

  private void write(String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  @Test
  @DisplayName("reads multi-document YAML, JSON and List documents from subfolders")
  void reads() throws IOException {
    write(
        "clusters/prod/web.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: prod }
        ---
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        """);
    write(
        "clusters/prod/ns/namespaces.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
            + "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"prod\"}}]}");
    write("clusters/prod/README.md", "not a manifest");
    write("clusters/prod/.hidden/x.yaml", "kind: broken");
    write(
        "clusters/prod/dns.yaml",
        "apiVersion: shipmate.dev/v1\nkind: CutoverWeights\nmetadata: { name: www }\n"
            + "spec: { blue: 100, green: 0 }\n");

    ManifestSet set = reader.read(root, root.resolve("clusters/prod"));

    assertThat(set.objects())
        .extracting(m -> m.ref().describe() + " @ " + m.source())
        .containsExactly(
            "Namespace prod @ clusters/prod/ns/namespaces.json#1",
            "Deployment prod/web @ clusters/prod/web.yaml#1",
            "Service default/web @ clusters/prod/web.yaml#2");
    assertThat(set.weights())
        .containsExactly(new DesiredWeights("www", 100, 0, "clusters/prod/dns.yaml#1"));
  }

  @Test
  @DisplayName("a folder that does not exist holds nothing")
  void missingFolder() {
    assertThat(reader.read(root, root.resolve("nowhere")).objects()).isEmpty();
  }

  @Test
  @DisplayName("a broken manifest is named by file and document")
  void broken() throws IOException {
    write(
        "a/x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\nkind: Secret\n");
    assertThatThrownBy(() -> reader.read(root, root.resolve("a")))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(
            "a/x.yaml#2: every manifest needs apiVersion, kind and metadata.name");
    write("b/x.yaml", "key: [unclosed");
    assertThatThrownBy(() -> reader.read(root, root.resolve("b")))
        .hasMessageStartingWith("b/x.yaml: not valid YAML or JSON");
  }

  @Test
  @DisplayName("the same object twice is refused, naming both places")
  void duplicate() throws IOException {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\n";
    write("c/1.yaml", cm);
    write("c/2.yaml", cm);
    assertThatThrownBy(() -> reader.read(root, root.resolve("c")))
        .hasMessage("c/2.yaml#1: ConfigMap x/a is already defined in c/1.yaml#1: keep one of them");
  }
}
