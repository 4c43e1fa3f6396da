package dev.shipmate.sandbox.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a kubeconfig for simulated clusters: one cluster entry and one context per {@link
 * KubeContext}, all with the same harmless token (the sandbox does not check it). kubectl, fabric8
 * and anything else that reads {@code KUBECONFIG} can use it as is.
 */
public final class KubeconfigWriter {

  private static final String USER = "sandbox";
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private KubeconfigWriter() {}

  /**
   * @throws IllegalArgumentException when there are no contexts, two share a name, or the current
   *     context is not one of them
   */
  public static String render(List<KubeContext> contexts, String currentContext) {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one context");
    }
    if (contexts.stream().map(KubeContext::name).distinct().count() != contexts.size()) {
      throw new IllegalArgumentException("two contexts share a name: " + contexts);
    }
    if (contexts.stream().noneMatch(context -> context.name().equals(currentContext))) {
      throw new IllegalArgumentException(
          "the current context '"
              + currentContext
              + "' is not one of "
              + contexts.stream().map(KubeContext::name).toList());
    }
    ObjectNode config = YAML.createObjectNode();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    ArrayNode clusters = config.putArray("clusters");
    ArrayNode contextEntries = config.putArray("contexts");
    for (KubeContext context : contexts) {
      ObjectNode cluster = clusters.addObject();
      cluster.put("name", context.name());
      cluster.putObject("cluster").put("server", context.server().toString());
      ObjectNode entry = contextEntries.addObject();
      entry.put("name", context.name());
      ObjectNode body = entry.putObject("context");
      body.put("cluster", context.name());
      body.put("user", USER);
      if (context.namespace() != null) {
        body.put("namespace", context.namespace());
      }
    }
    config.put("current-context", currentContext);
    ObjectNode user = config.putArray("users").addObject();
    user.put("name", USER);
    user.putObject("user").put("token", "sandbox");
    config.putObject("preferences");
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a kubeconfig", e);
    }
  }

  /** Writes the kubeconfig to a file (creating its folder), replacing what was there. */
  public static Path write(Path file, List<KubeContext> contexts, String currentContext) {
    String text = render(contexts, currentContext);
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
    }
    return file;
  }
}
