package dev.shipmate.pipelines.preview;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The objects of one preview, read from a folder of manifests ({@code previews.manifests}).
 *
 * <p>Every {@code .yaml} (and {@code .yml}) file of the folder is read, in name order; its
 * placeholders ({@code {image}}, {@code {tag}}, {@code {namespace}}, {@code {host}}, {@code {pr}})
 * are replaced as text, then its YAML documents are read as Kubernetes objects. Every object is put
 * into the preview's namespace, whatever its manifest says, and labelled {@code
 * shipmate.dev/preview=true} and {@code shipmate.dev/pr=<n>} so that it can be found and pruned.
 *
 * <p>Refused, with every problem at once ({@link ManifestException}): an unknown placeholder or one
 * without a value, YAML that does not parse, a document that is not a Kubernetes object, a
 * cluster-scoped kind (it would outlive the preview's namespace), and the same object twice. A kind
 * fabric8 does not know (a custom resource) is taken as namespaced: the API server refuses it on
 * apply if it is not.
 */
public final class PreviewManifests {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Path folder;

  public PreviewManifests(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
  }

  public Path folder() {
    return folder;
  }

  /**
   * The objects of the preview these values describe, file by file and document by document.
   *
   * @throws ManifestException with every problem found; nothing is returned then
   * @throws UncheckedIOException if a file cannot be read
   */
  public List<HasMetadata> render(ManifestValues values) {
    List<String> problems = new ArrayList<>();
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    List<Path> files = files(problems);
    Map<String, Optional<String>> byName = values.byName();
    for (Path file : files) {
      String name = folder.relativize(file).toString();
      String text = read(file);
      List<String> placeholderProblems = Placeholders.problems(text, byName);
      if (!placeholderProblems.isEmpty()) {
        placeholderProblems.forEach(p -> problems.add(name + ", " + p));
        continue;
      }
      List<JsonNode> documents = documents(name, Placeholders.fill(text, byName), problems);
      for (int i = 0; i < documents.size(); i++) {
        String where = name + ", document " + (i + 1);
        toObject(where, documents.get(i), problems)
            .ifPresent(
                object -> {
                  String key = key(object);
                  String first = seen.putIfAbsent(key, where);
                  if (first != null) {
                    problems.add(
                        where + ": " + key + " is already defined in " + first + ": keep one");
                    return;
                  }
                  claim(object, values);
                  objects.add(object);
                });
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return List.copyOf(objects);
  }

  /** {@code Deployment/web}: how an object is named in messages and told apart from others. */
  public static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private List<Path> files(List<String> problems) {
    if (!Files.isDirectory(folder)) {
      problems.add(
          "the manifests folder "
              + folder
              + " does not exist: create it, or fix previews.manifests in the configuration");
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".yaml") || n.endsWith(".yml");
                  })
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the manifests folder " + folder, e);
    }
    if (files.isEmpty()) {
      problems.add(
          "the manifests folder "
              + folder
              + " has no .yaml files: a preview needs at least one manifest to apply");
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest " + file, e);
    }
  }

  /** The non-empty YAML documents of a file; a document that does not parse ends the file. */
  private static List<JsonNode> documents(String name, String text, List<String> problems) {
    List<JsonNode> documents = new ArrayList<>();
    // One value per YAML document; a parser is used rather than readValues, which would take a
    // document that is a list for several documents.
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode document = YAML.readTree(parser);
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(
          name
              + ", document "
              + (documents.size() + 1)
              + ": not valid YAML"
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage()
              + " (placeholders are replaced as text first: quote them where YAML needs it,"
              + " as in image: \"{image}:{tag}\")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest " + name, e);
    }
    return documents;
  }

  private static Optional<HasMetadata> toObject(
      String where, JsonNode document, List<String> problems) {
    if (!document.isObject()) {
      problems.add(where + ": not a Kubernetes object (a mapping with apiVersion and kind)");
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("apiVersion", "kind")) {
      if (!document.path(field).isTextual() || document.path(field).asText().isBlank()) {
        missing.add(field);
      }
    }
    if (!document.path("metadata").path("name").isTextual()) {
      missing.add("metadata.name");
    }
    if (!missing.isEmpty()) {
      problems.add(where + ": a Kubernetes object needs " + String.join(", ", missing));
      return Optional.empty();
    }
    String kind = document.path("kind").asText();
    String described = kind + "/" + document.path("metadata").path("name").asText();
    if (kind.equals("List") || kind.endsWith("List") && !document.path("items").isMissingNode()) {
      problems.add(where + ": " + kind + " is a list: write each object as its own document (---)");
      return Optional.empty();
    }
    KubernetesResource resource;
    try {
      resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
    } catch (IllegalArgumentException e) {
      problems.add(where + " (" + described + "): not a valid " + kind + ": " + rootCause(e));
      return Optional.empty();
    }
    if (!(resource instanceof HasMetadata object)) {
      problems.add(where + " (" + described + "): not a Kubernetes object");
      return Optional.empty();
    }
    if (!(object instanceof Namespaced) && !(object instanceof GenericKubernetesResource)) {
      problems.add(
          where
              + " ("
              + described
              + "): "
              + kind
              + " is cluster-scoped: a preview holds only namespaced objects, which go away"
              + " with its namespace; create it outside Shipmate");
      return Optional.empty();
    }
    return Optional.of(object);
  }

  /** Puts the object into the preview's namespace and labels it as the preview's. */
  private static void claim(HasMetadata object, ManifestValues values) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setNamespace(values.namespace());
    Map<String, String> labels =
        new LinkedHashMap<>(Objects.requireNonNullElse(metadata.getLabels(), Map.of()));
    labels.put(PreviewLabels.PREVIEW, "true");
    labels.put(PreviewLabels.PR, Integer.toString(values.pr()));
    metadata.setLabels(labels);
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null) {
      return cause.getClass().getSimpleName();
    }
    // Jackson appends the source and a reference chain after the first line; keep the sentence.
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
