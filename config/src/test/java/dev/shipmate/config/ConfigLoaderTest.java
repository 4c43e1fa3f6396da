package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files and text: what happens with files that are not a configuration at all. */
class ConfigLoaderTest {
  private static final String PREVIEWS =
      """
      clusters:
        dev: { context: dev }
      previews:
        cluster: dev
        namespace: pr-{number}
        host: pr-{number}.preview.example.com
        manifests: previews/web
      """;

  @TempDir Path folder;

  @Test
  @DisplayName("a YAML syntax error is one problem, at its line")
  void syntaxError() {
    // Given a key indented one column short on line 3
    LoadResult result = parse("slack:\n  channel: C1\n botToken: x\n");
    // Then
    assertThat(errors(result))
        .containsExactly(
            "(top level) (line 3): YAML syntax error: expected <block end>, but found '<block"
                + " mapping start>' (while parsing a block mapping that starts at line 1) — check"
                + " the indentation: the keys of one mapping start in the same column, and a value"
                + " with ': ' in it goes in quotes");
    assertThat(result.ok()).isFalse();
  }

  @Test
  @DisplayName("${VAR} unquoted inside { … } gets a hint to quote it")
  void flowMappingHint() {
    // Given the style of DESIGN.md's sketch, where braces of ${…} are YAML syntax
    LoadResult result = parse("slack: { botToken: ${SLACK_BOT_TOKEN}, channel: C1 }\n");
    assertThat(errors(result))
        .containsExactly(
            "(top level) (line 1): YAML syntax error: expected ',' or '}', but got { (while"
                + " parsing a flow mapping that starts at line 1) — inside { … } or [ … ], put a"
                + " value that holds { } [ ] or , in quotes, e.g. botToken: \"${SLACK_BOT_TOKEN}\"");
    // And quoted, it loads
    assertThat(
            parse(
                    "slack: { botToken: \"${SLACK_BOT_TOKEN}\", channel: C1 }\n",
                    Map.of("SLACK_BOT_TOKEN", "x"))
                .errors())
        .isEmpty();
  }

  @Test
  @DisplayName("an empty file is one error that says where to start")
  void emptyFile() {
    assertThat(errors(parse("# nothing yet\n")))
        .containsExactly(
            "(top level): test.yaml is empty: start from config/examples/shipmate.yaml;"
                + " docs/configuration.md describes every key");
  }

  @Test
  @DisplayName("a file that is a list is one error naming the sections expected")
  void notAMapping() {
    assertThat(errors(parse("- slack\n- store\n")))
        .containsExactly(
            "(top level) (line 1): expected a mapping of sections (slack, store, groups, clusters,"
                + " environments, services, previews, cutovers, drift, deploy, upgrade, freezes,"
                + " analysis, prometheus, inFlight, watchdogs), got a list");
  }

  @Test
  @DisplayName("two YAML documents in one file are refused")
  void twoDocuments() {
    assertThat(errors(parse("store: {}\n---\nstore: {}\n")))
        .containsExactly(
            "(top level) (line 2): a second YAML document ('---'): the configuration is one"
                + " document — remove the '---' and merge what follows into the first");
  }

  @Test
  @DisplayName("a missing file says how to point Shipmate at one")
  void missingFile() {
    Path nowhere = folder.resolve("shipmate.yaml");
    assertThat(errors(new ConfigLoader(Map.of()).load(nowhere)))
        .containsExactly(
            "(top level): no file "
                + nowhere
                + ": set SHIPMATE_CONFIG to the configuration's path, or create it (start from"
                + " config/examples/shipmate.yaml; docs/configuration.md describes every key)");
  }

  @Test
  @DisplayName("a folder is not a configuration")
  void folder() {
    assertThat(errors(new ConfigLoader(Map.of()).load(folder)))
        .containsExactly("(top level): cannot read " + folder + ": it is a folder");
  }

  @Test
  @DisplayName("a file that is not UTF-8 says so")
  void notUtf8() throws IOException {
    Path file = folder.resolve("shipmate.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThat(errors(new ConfigLoader(Map.of()).load(file)))
        .containsExactly("(top level): " + file + " is not UTF-8 text: save it as UTF-8");
  }

  @Test
  @DisplayName("previews.manifests is relative to the folder of the file that names it")
  void manifestsRelativeToFile() throws IOException {
    // Given a configuration in a folder that has previews/web beside it
    Path config = folder.resolve("conf").resolve("shipmate.yaml");
    Files.createDirectories(config.getParent().resolve("previews/web"));
    Files.writeString(config, PREVIEWS);
    // When it is loaded from another working directory
    LoadResult result = new ConfigLoader(Map.of()).load(config);
    // Then the path is the folder beside the file, and no warning says it is missing
    assertThat(result.orThrow().previews().orElseThrow().manifests())
        .isEqualTo(folder.resolve("conf/previews/web").toString());
    assertThat(result.warnings()).filteredOn(p -> p.path().startsWith("previews")).isEmpty();
  }

  @Test
  @DisplayName("parsed text resolves relative paths against the folder it is given")
  void manifestsRelativeToBase() {
    LoadResult result = new ConfigLoader(Map.of()).parse(PREVIEWS, "inline", folder);
    assertThat(result.orThrow().previews().orElseThrow().manifests())
        .isEqualTo(folder.resolve("previews/web").toString());
  }

  @Test
  @DisplayName("an absolute manifests path is kept; a missing folder is a warning")
  void absoluteManifests() {
    String yaml = PREVIEWS.replace("previews/web", "/nonexistent/previews/web");
    LoadResult result = parse(yaml);
    assertThat(result.orThrow().previews().orElseThrow().manifests())
        .isEqualTo("/nonexistent/previews/web");
    assertThat(Configs.warnings(result))
        .contains(
            "previews.manifests (line 7): no folder /nonexistent/previews/web: `/env up` fails"
                + " until it holds the manifests");
  }

  @Test
  @DisplayName("anchors and merge keys share settings; the mapping's own keys win")
  void mergeKeys() {
    String yaml =
        """
        clusters:
          dev: { context: dev }
        environments:
          staging: &defaults
            cluster: dev
            namespace: staging
            deployers: [U01A, U01B]
            approvals: 1
            channel: C1
          qa:
            <<: *defaults
            namespace: qa
        """;
    Environment qa = parse(yaml).orThrow().environment("qa").orElseThrow();
    assertThat(qa.namespace()).isEqualTo("qa");
    assertThat(qa.cluster()).isEqualTo("dev");
    assertThat(qa.policy().approvals()).isEqualTo(1);
  }

  @Test
  @DisplayName("a mapping that merges itself is read once, not forever")
  void selfMerge() {
    LoadResult result = parse("store: &s\n  url: jdbc:h2:mem:x\n  <<: *s\n");
    assertThat(result.orThrow().store().url()).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  @DisplayName("the file's order is kept in every map")
  void order() {
    String yaml =
        """
        services:
          zeta: { image: acme/zeta, deployments: [zeta] }
          alpha: { image: acme/alpha, deployments: [alpha] }
          mid: { image: acme/mid, deployments: [mid] }
        """;
    assertThat(parse(yaml).orThrow().services().keySet()).containsExactly("zeta", "alpha", "mid");
  }
}
