package dev.shipmate.bot.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine where the tests run: what can be checked without building the image is
 * checked here, against the build that makes the jar.
 */
class DockerfileTest {

  private static final Path ROOT = Path.of("..");

  private static List<String> instructions() throws IOException {
    // Joins continued lines, drops comments: one instruction per element.
    String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static List<String> all(String keyword) throws IOException {
    return instructions().stream().filter(l -> l.startsWith(keyword + " ")).toList();
  }

  private static String last(String keyword) throws IOException {
    List<String> found = all(keyword);
    assertThat(found).as("%s instructions", keyword).isNotEmpty();
    return found.get(found.size() - 1);
  }

  private static String finalName() throws IOException {
    Matcher m =
        Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(ROOT.resolve("bot/pom.xml")));
    assertThat(m.find()).as("bot/pom.xml names its jar").isTrue();
    return m.group(1);
  }

  @Test
  @DisplayName("the image is built in one stage and runs on a JRE in another")
  void multiStage() throws IOException {
    List<String> stages = all("FROM");
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0)).contains("maven").endsWith("AS build");
    assertThat(stages.get(1)).contains("jre").doesNotContain("maven").doesNotContain("jdk");
  }

  @Test
  @DisplayName(
      "the build stage runs the documented build command and the runtime copies only its jar")
  void onlyTheJar() throws IOException {
    assertThat(all("RUN")).anySatisfy(run -> assertThat(run).contains("mvn").contains("package"));
    List<String> copies = all("COPY").stream().filter(c -> c.contains("--from=build")).toList();
    assertThat(copies)
        .singleElement()
        .satisfies(
            copy ->
                assertThat(copy)
                    .contains("/bot/target/" + finalName() + ".jar ")
                    .doesNotContain("*"));
    assertThat(last("ENTRYPOINT")).contains("\"-jar\"").contains(finalName() + ".jar");
    assertThat(last("CMD")).contains("\"serve\"");
  }

  @Test
  @DisplayName("the process runs as a numeric non-root user, so runAsNonRoot can verify it")
  void nonRoot() throws IOException {
    String user = last("USER").substring("USER ".length()).strip();
    String uid = user.split(":")[0];
    assertThat(uid).matches("[0-9]+");
    assertThat(Integer.parseInt(uid)).isPositive();
    List<String> lines = instructions();
    assertThat(lines.indexOf(last("USER")))
        .as("USER comes after the last RUN of the runtime stage")
        .isGreaterThan(lines.lastIndexOf(last("RUN")));
  }

  @Test
  @DisplayName(
      "the port Shipmate listens on by default is exposed and the JVM sizes itself to the container")
  void portAndJvmFlags() throws IOException {
    assertThat(last("EXPOSE")).isEqualTo("EXPOSE 3000");
    assertThat(last("ENV"))
        .contains("PORT=3000")
        .contains("MaxRAMPercentage")
        .contains("ExitOnOutOfMemoryError");
  }

  @Test
  @DisplayName(".dockerignore keeps build output, git and local data out of the build context")
  void dockerignore() throws IOException {
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
    assertThat(ignored).contains("**/target/", ".git/", "data/");
  }
}
