package dev.shipmate.bot.slack.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered JSON with {@code src/test/resources/golden/NAME.json}. Run the tests with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then read the diff.
 */
final class GoldenFile {

  private static final Path FOLDER = Path.of("src", "test", "resources", "golden");
  private static final String UPDATE = "golden.update";

  private GoldenFile() {}

  static void assertMatches(String name, String rendered) {
    Path file = FOLDER.resolve(name + ".json");
    String actual = rendered.endsWith("\n") ? rendered : rendered + "\n";
    try {
      if (Boolean.getBoolean(UPDATE)) {
        Files.createDirectories(FOLDER);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "No golden file %s. Check the rendering below, then run with -D%s=true to write it:%n%s",
            file.toAbsolutePath(), UPDATE, actual);
      }
      assertThat(actual)
          .as(
              "rendering compared with %s (rerun with -D%s=true if the change is intended)",
              file, UPDATE)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
