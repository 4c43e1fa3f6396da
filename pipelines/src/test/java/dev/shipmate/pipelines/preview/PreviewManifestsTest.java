package dev.shipmate.pipelines.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewManifestsTest {
  /** The example folder the configuration reference points at, read from the repository. */
  private static final Path EXAMPLE = Path.of("../config/examples/previews/web");

  private static final ManifestValues PR_12 =
      new ManifestValues(
          Optional.of("registry.example.com/acme/web"),
          "sha-3f2a9c1",
          "pr-12",
          "pr-12.preview.example.com",
          12);

  @TempDir Path folder;

  private void write(String name, String text) throws IOException {
    Files.writeString(folder.resolve(name), text);
  }

  private List<HasMetadata> render() {
    return new PreviewManifests(folder).render(PR_12);
  }

  private List<String> problems(ManifestValues values) {
    ManifestException e =
        (ManifestException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> new PreviewManifests(folder).render(values));
    assertThat(e).as("a ManifestException").isNotNull();
    return e.problems();
  }

  private List<String> problems() {
    return problems(PR_12);
  }

  @Nested
  @DisplayName("the example folder")
  class Example {
    private final List<HasMetadata> objects = new PreviewManifests(EXAMPLE).render(PR_12);

    @Test
    @DisplayName("gives a Deployment, an Ingress and a Service, in file name order")
    void objects() {
      assertThat(objects)
          .extracting(PreviewManifests::key)
          .containsExactly("Deployment/web", "Ingress/web", "Service/web");
      assertThat(objects.get(0)).isInstanceOf(Deployment.class);
      assertThat(objects.get(1)).isInstanceOf(Ingress.class);
      assertThat(objects.get(2)).isInstanceOf(Service.class);
    }

    @Test
    @DisplayName("fills {image}:{tag}, {host}, {namespace} and {pr}")
    void placeholders() {
      Deployment web = (Deployment) objects.get(0);
      var container = web.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getImage()).isEqualTo("registry.example.com/acme/web:sha-3f2a9c1");
      assertThat(container.getEnv().get(0).getValue())
          .isEqualTo("https://pr-12.preview.example.com");
      assertThat(web.getSpec().getTemplate().getMetadata().getLabels())
          .containsEntry("shipmate.dev/pr", "12");
      Ingress ingress = (Ingress) objects.get(1);
      assertThat(ingress.getSpec().getRules().get(0).getHost())
          .isEqualTo("pr-12.preview.example.com");
    }

    @Test
    @DisplayName("puts every object in the preview's namespace and labels it as the preview's")
    void namespaceAndLabels() {
      assertThat(objects)
          .allSatisfy(
              object -> {
                assertThat(object.getMetadata().getNamespace()).isEqualTo("pr-12");
                assertThat(object.getMetadata().getLabels())
                    .containsEntry("shipmate.dev/preview", "true")
                    .containsEntry("shipmate.dev/pr", "12")
                    .containsEntry("app.kubernetes.io/name", "web");
              });
    }
  }

  @Nested
  @DisplayName("reading")
  class Reading {
    @Test
    @DisplayName("reads every document of a file, and .yml files, but not other files")
    void multiDocument() throws IOException {
      write(
          "a.yaml",
          """
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: one }
          data: { pr: "{pr}" }
          ---
          # only a comment: an empty document
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: two }
          """);
      write("b.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: three }\n");
      write("README.md", "not a manifest: {whatever}");

      List<HasMetadata> objects = render();

      assertThat(objects)
          .extracting(PreviewManifests::key)
          .containsExactly("ConfigMap/one", "ConfigMap/two", "ConfigMap/three");
      assertThat(((ConfigMap) objects.get(0)).getData()).containsEntry("pr", "12");
    }

    @Test
    @DisplayName("forces a namespace written in a manifest to the preview's")
    void forcesNamespace() throws IOException {
      write(
          "cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: one, namespace: production }\n");

      assertThat(render().get(0).getMetadata().getNamespace()).isEqualTo("pr-12");
    }

    @Test
    @DisplayName("leaves ${VAR}, {{ templates }} and comments alone")
    void leavesOtherBraces() throws IOException {
      write(
          "cm.yaml",
          """
          # {notaplaceholder} in a comment is not checked
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: script }
          data:
            run.sh: "echo ${HOME} {{ .Values.x }} {{y}}"
          """);

      ConfigMap script = (ConfigMap) render().get(0);

      assertThat(script.getData()).containsEntry("run.sh", "echo ${HOME} {{ .Values.x }} {{y}}");
    }

    @Test
    @DisplayName("takes a kind it does not know (a custom resource) as namespaced")
    void customResource() throws IOException {
      write(
          "cert.yaml",
          "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: tls }\n"
              + "spec: { dnsNames: [\"{host}\"] }\n");

      HasMetadata cert = render().get(0);

      assertThat(cert).isInstanceOf(GenericKubernetesResource.class);
      assertThat(cert.getMetadata().getNamespace()).isEqualTo("pr-12");
      assertThat(cert.getMetadata().getLabels()).containsEntry("shipmate.dev/pr", "12");
    }
  }

  @Nested
  @DisplayName("refusing")
  class Refusing {
    @Test
    @DisplayName("an unknown placeholder, with the file, the line and the one it resembles")
    void unknownPlaceholder() throws IOException {
      write("web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"{imgae}\"\n");

      assertThat(problems())
          .containsExactly("web.yaml, line 4: unknown placeholder {imgae}: did you mean {image}?");
    }

    @Test
    @DisplayName("a placeholder from the namespace pattern, pointing at its name here")
    void synonym() throws IOException {
      write("web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: \"pr-{number}\" }\n");

      assertThat(problems())
          .containsExactly("web.yaml, line 3: unknown placeholder {number}: did you mean {pr}?");
    }

    @Test
    @DisplayName("{image} when previews.image is not configured")
    void noImage() throws IOException {
      write(
          "web.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { i: \"{image}\" }\n");
      ManifestValues noImage =
          new ManifestValues(Optional.empty(), "t", "pr-12", "pr-12.example.com", 12);

      assertThat(problems(noImage))
          .containsExactly(
              "web.yaml, line 4: {image} has no value: set previews.image in the configuration,"
                  + " or write the value into the manifest");
    }

    @Test
    @DisplayName("YAML that does not parse, naming the file, the document and the line")
    void badYaml() throws IOException {
      write(
          "bad.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n"
              + "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [b\n");

      assertThat(problems())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("bad.yaml, document 2: not valid YAML at line ")
          .contains("quote them where YAML needs it");
    }

    @Test
    @DisplayName("a cluster-scoped kind: it would outlive the preview's namespace")
    void clusterScoped() throws IOException {
      write(
          "rbac.yaml",
          """
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: { name: reader }
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: { name: reader }
          ---
          apiVersion: v1
          kind: Namespace
          metadata: { name: extra }
          """);

      assertThat(problems())
          .containsExactly(
              "rbac.yaml, document 2 (ClusterRole/reader): ClusterRole is cluster-scoped: a"
                  + " preview holds only namespaced objects, which go away with its namespace;"
                  + " create it outside Shipmate",
              "rbac.yaml, document 3 (Namespace/extra): Namespace is cluster-scoped: a preview"
                  + " holds only namespaced objects, which go away with its namespace; create it"
                  + " outside Shipmate");
    }

    @Test
    @DisplayName("a document that is not an object, one without a kind, and one defined twice")
    void notObjects() throws IOException {
      write(
          "a.yaml",
          """
          - just
          - a list
          ---
          apiVersion: v1
          metadata: { name: nokind }
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: twice }
          """);
      write("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: twice }\n");

      assertThat(problems())
          .containsExactly(
              "a.yaml, document 1: not a Kubernetes object (a mapping with apiVersion and kind)",
              "a.yaml, document 2: a Kubernetes object needs kind",
              "b.yaml, document 1: ConfigMap/twice is already defined in a.yaml, document 3:"
                  + " keep one");
    }

    @Test
    @DisplayName("every problem of every file at once")
    void everyProblem() throws IOException {
      write("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: \"{tga}\" }\n");
      write("b.yaml", "apiVersion: v1\nkind: PersistentVolume\nmetadata: { name: disk }\n");

      assertThat(problems())
          .hasSize(2)
          .satisfiesExactly(
              a -> assertThat(a).startsWith("a.yaml, line 3: unknown placeholder {tga}"),
              b -> assertThat(b).startsWith("b.yaml, document 1 (PersistentVolume/disk)"));
    }

    @Test
    @DisplayName("a folder that does not exist, or holds no manifest")
    void folders() {
      assertThatThrownBy(() -> new PreviewManifests(folder.resolve("missing")).render(PR_12))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("does not exist: create it, or fix previews.manifests");
      assertThatThrownBy(() -> new PreviewManifests(folder).render(PR_12))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("has no .yaml files");
    }
  }
}
