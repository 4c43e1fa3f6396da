package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ${VAR} and ${VAR:-default} in values, taken from the environment given to the loader. */
class InterpolationTest {
  private static String channel(LoadResult result) {
    return result.orThrow().slack().channel().orElse("");
  }

  @Test
  @DisplayName("a set variable replaces its reference")
  void set() {
    LoadResult result =
        parse("slack:\n  channel: ${DEPLOY_CHANNEL}\n", Map.of("DEPLOY_CHANNEL", "C0DEPLOYS"));
    assertThat(channel(result)).isEqualTo("C0DEPLOYS");
  }

  @Test
  @DisplayName("an unset variable takes its default")
  void fallback() {
    assertThat(channel(parse("slack:\n  channel: ${DEPLOY_CHANNEL:-C0DEFAULT}\n")))
        .isEqualTo("C0DEFAULT");
  }

  @Test
  @DisplayName("as in a shell, ':-' also replaces a variable that is set but empty")
  void emptyTakesDefault() {
    LoadResult result =
        parse("slack:\n  channel: ${DEPLOY_CHANNEL:-C0DEFAULT}\n", Map.of("DEPLOY_CHANNEL", ""));
    assertThat(channel(result)).isEqualTo("C0DEFAULT");
  }

  @Test
  @DisplayName("an unset variable without a default is an error naming it, with path and line")
  void missing() {
    assertThat(errors("store:\n  username: shipmate\n  url: ${SHIPMATE_DB_URL}\n"))
        .containsExactly(
            "store.url (line 3): environment variable SHIPMATE_DB_URL is not set: set it, or give"
                + " a default with ${SHIPMATE_DB_URL:-default}");
  }

  @Test
  @DisplayName("several references in one value are all replaced, around plain text")
  void several() {
    LoadResult result =
        parse(
            "store:\n  url: jdbc:postgresql://${DB_HOST}:${DB_PORT:-5432}/${DB_NAME:-shipmate}?ssl=true\n",
            Map.of("DB_HOST", "db.internal"));
    assertThat(result.orThrow().store().url())
        .isEqualTo("jdbc:postgresql://db.internal:5432/shipmate?ssl=true");
  }

  @Test
  @DisplayName("each missing variable of a value is reported")
  void severalMissing() {
    assertThat(errors("slack:\n  channel: ${A}-${B}\n"))
        .containsExactly(
            "slack.channel (line 2): environment variable A is not set: set it, or give a default"
                + " with ${A:-default}",
            "slack.channel (line 2): environment variable B is not set: set it, or give a default"
                + " with ${B:-default}");
  }

  @Test
  @DisplayName("$${ is a literal ${, and is not looked up")
  void escape() {
    LoadResult result = parse("slack:\n  channel: \"cost-$${HOME}\"\n", Map.of("HOME", "/root"));
    assertThat(channel(result)).isEqualTo("cost-${HOME}");
  }

  @Test
  @DisplayName("a variable's value is used as it is, never expanded again")
  void noSecondExpansion() {
    LoadResult result =
        parse(
            "slack:\n  channel: ${CHANNEL}\n",
            Map.of("CHANNEL", "C-${SECRET}", "SECRET", "s3cr3t"));
    assertThat(channel(result)).isEqualTo("C-${SECRET}");
  }

  @Test
  @DisplayName("an unclosed ${ says how to close it or escape it")
  void unclosed() {
    assertThat(errors("slack:\n  channel: ${CHANNEL\n"))
        .containsExactly(
            "slack.channel (line 2): '${' is never closed: write ${NAME} or ${NAME:-default}, or"
                + " $${ for a literal '${'");
  }

  @Test
  @DisplayName("a reference that is not a variable name is an error")
  void badName() {
    assertThat(errors("slack:\n  channel: ${my channel}\n"))
        .containsExactly(
            "slack.channel (line 2): '${my channel}' is not a variable reference: a name is"
                + " letters, digits and _ (write $${ for a literal '${')");
  }

  @Test
  @DisplayName("keys are not interpolated, values in lists are")
  void lists() {
    LoadResult result = parse("groups:\n  sre: [\"${ONCALL}\", U01B]\n", Map.of("ONCALL", "U01A"));
    assertThat(result.orThrow().groups()).containsEntry("sre", java.util.List.of("U01A", "U01B"));
  }

  @Test
  @DisplayName("a number can come from the environment")
  void numbers() {
    String yaml =
        """
        clusters:
          dev: { context: dev }
        environments:
          dev:
            cluster: dev
            namespace: dev
            deployers: [U01A, U01B]
            approvals: ${APPROVALS:-1}
            channel: C1
        """;
    assertThat(parse(yaml).orThrow().environment("dev").orElseThrow().policy().approvals())
        .isEqualTo(1);
  }
}
