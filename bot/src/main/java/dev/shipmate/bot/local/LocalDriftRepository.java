package dev.shipmate.bot.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipmate.config.Environment;
import dev.shipmate.config.Service;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.sandbox.world.WorldSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Local mode's drift repository: a git repository made on each start from what the world runs, one
 * file a Deployment under {@code clusters/<cluster>/}, so that {@code /drift} has a desired state
 * to compare with and finds nothing at first. A change made with kubectl against the world's
 * kubeconfig (or a deploy, which this repository does not follow) then shows up, naming the field.
 * It says what the world was seeded with, which is what the world runs at start. People may commit
 * in it too; the next start makes it afresh, as it does the world.
 */
final class LocalDriftRepository {

  /** The variable the airplane-mode example's {@code drift.source.git} reads. */
  static final String VARIABLE = "SANDBOX_DRIFT_GIT";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private LocalDriftRepository() {}

  /**
   * Makes the repository in {@code folder} (replacing one there) on branch main, from what the
   * world was seeded with: each service's Deployments in each environment at {@code settings}'
   * initial version and replica count. Written from the configuration rather than read back from
   * the clusters, so that it costs no Kubernetes client at start.
   */
  static Path create(Path folder, ShipmateConfig config, WorldSettings settings) {
    try {
      deleteTree(folder);
      Files.createDirectories(folder);
      try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
        for (Environment environment : config.environments().values()) {
          // An environment in waves runs the services in every cluster of its waves.
          for (String cluster : environment.clusters()) {
            for (Service service : config.services().values()) {
              for (String name : service.deployments()) {
                String file =
                    "clusters/" + cluster + "/" + environment.namespace() + "-" + name + ".yaml";
                Path path = folder.resolve(file);
                Files.createDirectories(path.getParent());
                YAML.writeValue(
                    path.toFile(), desired(environment.namespace(), name, service, settings));
                git.add().addFilepattern(file).call();
              }
            }
          }
        }
        git.commit()
            .setMessage("What the simulated world runs at start")
            .setAuthor("Shipmate local mode", "local@shipmate.invalid")
            .setCommitter("Shipmate local mode", "local@shipmate.invalid")
            .setSign(false)
            .setAllowEmpty(true)
            .call();
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the drift repository in " + folder, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot make the drift repository in " + folder, e);
    }
  }

  /** What a person would have written: the name, replicas and the container's image. */
  private static Map<String, Object> desired(
      String namespace, String name, Service service, WorldSettings settings) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", "apps/v1");
    manifest.put("kind", "Deployment");
    manifest.put("metadata", Map.of("name", name, "namespace", namespace));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", name); // the world names a Deployment's one container after it
    container.put("image", service.imageAt(settings.initialVersion()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", settings.replicas());
    spec.put("template", Map.of("spec", Map.of("containers", List.of(container))));
    manifest.put("spec", spec);
    return manifest;
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
