package dev.shipmate.bot.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The airplane-mode example configuration ({@code config/examples/local.yaml}) and the preview
 * manifests it names, packed into the jar so that {@code shipmate local} starts from any folder.
 * They are written out to a folder of the data directory on each start, so that the configuration's
 * relative paths ({@code previews.manifests}) resolve as they do for a file of one's own, and so
 * that a newer jar brings a newer example.
 */
public final class EmbeddedExample {

  /** Where the build puts {@code config/examples} in the jar. */
  static final String ROOT = "/dev/shipmate/bot/local/example/";

  /** The configuration, under the name it has in the repository. */
  static final String CONFIG = "local.yaml";

  /** Every file written out: the configuration first, then what it refers to. */
  static final List<String> FILES =
      List.of(
          CONFIG,
          "previews/web/deployment.yaml",
          "previews/web/service.yaml",
          "previews/web/ingress.yaml");

  private EmbeddedExample() {}

  /**
   * Writes the example into {@code folder} (replacing an earlier copy) and answers its
   * configuration file there, named {@code shipmate.yaml}.
   *
   * @throws UncheckedIOException when the folder cannot be written
   * @throws IllegalStateException when the jar lacks a file (a broken build)
   */
  public static Path writeTo(Path folder) {
    try {
      for (String name : FILES) {
        Path target = folder.resolve(name.equals(CONFIG) ? "shipmate.yaml" : name);
        Files.createDirectories(target.getParent());
        try (InputStream in = EmbeddedExample.class.getResourceAsStream(ROOT + name)) {
          if (in == null) {
            throw new IllegalStateException(
                "the jar lacks the example's " + name + "; rebuild it with mvn package");
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return folder.resolve("shipmate.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the example configuration to " + folder, e);
    }
  }
}
