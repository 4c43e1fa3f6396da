package dev.shipmate.bot.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code deploy/} folder, read as kustomize and kubectl would read it. */
final class DeployFolder {

  static final Path ROOT = Path.of("..", "deploy");
  static final Path BASE = ROOT.resolve("base");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private DeployFolder() {}

  /** Every YAML file under deploy/, the kubeconfig included. */
  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f ->
                  f.toString().endsWith(".yaml") || f.getFileName().toString().equals("kubeconfig"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of a YAML file, as trees. */
  static List<JsonNode> documents(Path file) {
    try {
      List<JsonNode> documents = new ArrayList<>();
      try (var parser = YAML.getFactory().createParser(file.toFile())) {
        YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
      }
      return documents.stream()
          .filter(d -> d != null && !d.isNull() && !d.isMissingNode())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode kustomization(Path folder) {
    return documents(folder.resolve("kustomization.yaml")).get(0);
  }

  /** The Kubernetes objects a kustomization lists under {@code resources} (files, not folders). */
  static List<HasMetadata> resources(Path folder) {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode entry : kustomization(folder).path("resources")) {
      Path resource = folder.resolve(entry.asText()).normalize();
      if (Files.isRegularFile(resource)) {
        objects.addAll(objects(resource));
      }
    }
    return objects;
  }

  /**
   * What {@code kubectl kustomize folder} gives, as far as the RBAC and admission checks need it:
   * the objects of every entry under {@code resources}, files and folders (their own
   * kustomizations, recursively), with a kustomization's {@code namespace} set on the namespaced
   * objects it holds, as kustomize's namespace transformer does. Patches and generators are not
   * applied: the objects they change (the Deployment, the PDB, the ConfigMaps) are read from their
   * own files by the tests that need them. Checked by hand against {@code kubectl kustomize}, which
   * the build machines do not have.
   */
  static List<HasMetadata> render(Path folder) {
    JsonNode kustomization = kustomization(folder);
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path resource = folder.resolve(entry.asText()).normalize();
      if (Files.isDirectory(resource)) {
        objects.addAll(render(resource));
      } else {
        objects.addAll(objects(resource));
      }
    }
    String namespace = kustomization.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      objects.stream()
          .filter(o -> !CLUSTER_SCOPED.contains(o.getKind()))
          .forEach(o -> o.getMetadata().setNamespace(namespace));
    }
    return objects;
  }

  /** The overlays operators install, each a folder with a kustomization. */
  static List<Path> overlays() {
    try (Stream<Path> folders = Files.list(ROOT.resolve("overlays"))) {
      return folders
          .filter(f -> Files.isRegularFile(f.resolve("kustomization.yaml")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.Set<String> CLUSTER_SCOPED =
      java.util.Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "PersistentVolume",
          "StorageClass");

  /** The objects of one manifest file, as fabric8's typed model. */
  static List<HasMetadata> objects(Path file) {
    return documents(file).stream()
        .map(document -> (HasMetadata) KUBERNETES.convertValue(document, HasMetadata.class))
        .toList();
  }

  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
    List<T> found = ofKind(objects, kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  /** A strategic-merge patch file of an overlay, as the typed object it patches. */
  static <T extends HasMetadata> T patch(Path file, Class<T> kind) {
    return kind.cast(objects(file).get(0));
  }
}
