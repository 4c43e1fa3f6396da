package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the manifests of a folder, subfolders included: plain YAML files ({@code .yaml}, {@code
 * .yml}, several documents separated by {@code ---}) and JSON files ({@code .json}), as they are
 * written — no kustomize, Helm or templating. A {@code kind: List} (or {@code *List}) document
 * counts as its items. Hidden files and folders ({@code .git}) are skipped.
 */
public final class ManifestReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param root the repository's working tree, for the names of the files in errors and sources
   * @param folder the folder to read, inside {@code root}; a missing folder holds nothing
   * @throws ManifestException naming the file and document that cannot be read
   */
  public ManifestSet read(Path root, Path folder) {
    if (!Files.isDirectory(folder)) {
      return new ManifestSet(List.of(), List.of());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !hidden(folder.relativize(f)))
              .filter(ManifestReader::supported)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    List<Manifest> objects = new ArrayList<>();
    List<DesiredWeights> weights = new ArrayList<>();
    Map<ObjectRef, String> seen = new HashMap<>();
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      int number = 0;
      for (JsonNode document : documents(file, name)) {
        number++;
        String source = name + "#" + number;
        for (JsonNode item : items(document)) {
          if (isWeights(item)) {
            weights.add(weights(item, source));
            continue;
          }
          Manifest manifest = manifest(item, source);
          String earlier = seen.putIfAbsent(manifest.ref(), source);
          if (earlier != null) {
            throw new ManifestException(
                source
                    + ": "
                    + manifest.ref().describe()
                    + " is already defined in "
                    + earlier
                    + ": keep one of them");
          }
          objects.add(manifest);
        }
      }
    }
    return new ManifestSet(objects, weights);
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean supported(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static List<JsonNode> documents(Path file, String name) {
    ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = mapper.createParser(file.toFile());
        MappingIterator<JsonNode> it = mapper.readValues(parser, JsonNode.class)) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ManifestException(name + ": not valid YAML or JSON: " + firstLine(e), e);
    }
    return documents;
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static List<JsonNode> items(JsonNode document) {
    String kind = document.path("kind").asText("");
    if (kind.endsWith("List") && document.path("items").isArray()) {
      List<JsonNode> items = new ArrayList<>();
      document.path("items").forEach(items::add);
      return items;
    }
    return List.of(document);
  }

  private static boolean isWeights(JsonNode node) {
    return DesiredWeights.API_VERSION.equals(node.path("apiVersion").asText())
        && DesiredWeights.KIND.equals(node.path("kind").asText());
  }

  private static DesiredWeights weights(JsonNode node, String source) {
    String name = node.path("metadata").path("name").asText("");
    JsonNode spec = node.path("spec");
    if (name.isEmpty() || !spec.path("blue").isInt() || !spec.path("green").isInt()) {
      throw new ManifestException(
          source
              + ": a CutoverWeights document needs metadata.name (the cutover) and whole numbers"
              + " spec.blue and spec.green, e.g. spec: { blue: 100, green: 0 }");
    }
    return new DesiredWeights(name, spec.path("blue").asInt(), spec.path("green").asInt(), source);
  }

  private static Manifest manifest(JsonNode node, String source) {
    if (!(node instanceof ObjectNode object)) {
      throw new ManifestException(source + ": a manifest must be a mapping, found " + node);
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
      throw new ManifestException(
          source
              + ": every manifest needs apiVersion, kind and metadata.name"
              + " (metadata.generateName cannot be compared with a live object)");
    }
    String namespace =
        ClusterScopedKinds.contains(kind) ? "" : metadata.path("namespace").asText("default");
    return new Manifest(new ObjectRef(apiVersion, kind, namespace, name), object, source);
  }
}
