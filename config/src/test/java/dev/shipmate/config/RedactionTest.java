package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secrets never reach a log, an error message or {@code validate --print}. */
class RedactionTest {
  private static final Map<String, String> SECRETS =
      Map.of(
          "SLACK_BOT_TOKEN", "xoxb-TOKEN-1111",
          "SLACK_SIGNING_SECRET", "SIGNING-2222",
          "GITHUB_TOKEN", "ghp_GITHUB3333",
          "SHIPMATE_DB_URL", "jdbc:postgresql://db:5432/shipmate?user=app&password=DBURL4444");
  private static final String[] VALUES = {
    "xoxb-TOKEN-1111", "SIGNING-2222", "ghp_GITHUB3333", "DBURL4444", "STOREPW5555", "GITURL6666"
  };

  private static ShipmateConfig configWithSecrets() {
    String yaml =
        """
        slack: { botToken: "${SLACK_BOT_TOKEN}", signingSecret: "${SLACK_SIGNING_SECRET}" }
        store:
          url: ${SHIPMATE_DB_URL}
          username: app
          password: STOREPW5555
        drift:
          schedule: 0 0 9 ? * MON-FRI
          channel: C0DRIFT
          source:
            git: https://x-access-token:GITURL6666@git.example.com/acme/k8s.git
            path: clusters/{cluster}
            token: ${GITHUB_TOKEN}
        """;
    return Configs.parse(yaml, SECRETS).orThrow();
  }

  @Test
  @DisplayName("the secret keys are Secrets, holding the value for the code that needs it")
  void secretsAreSecrets() {
    ShipmateConfig config = configWithSecrets();
    assertThat(config.slack().botToken().value()).isEqualTo("xoxb-TOKEN-1111");
    assertThat(config.slack().signingSecret().value()).isEqualTo("SIGNING-2222");
    assertThat(config.store().password()).contains(new Secret("STOREPW5555"));
    assertThat(config.drift().orElseThrow().source().token())
        .contains(new Secret("ghp_GITHUB3333"));
  }

  @Test
  @DisplayName("no record's toString shows a secret, nor a password written in a URL")
  void toStringRedacts() {
    String printed = configWithSecrets().toString();
    assertThat(printed).doesNotContain(VALUES).contains("<redacted>");
    assertThat(printed)
        .contains("url=jdbc:postgresql://db:5432/shipmate?user=app&password=<redacted>");
    assertThat(printed)
        .contains("git=https://x-access-token:<redacted>@git.example.com/acme/k8s.git");
  }

  @Test
  @DisplayName("ConfigPrinter shows every secret as <redacted>")
  void printerRedacts() {
    String yaml = ConfigPrinter.toYaml(configWithSecrets());
    assertThat(yaml).doesNotContain(VALUES);
    assertThat(yaml)
        .contains("botToken: <redacted>")
        .contains("signingSecret: <redacted>")
        .contains("password: <redacted>")
        .contains("token: <redacted>");
  }

  @Test
  @DisplayName("a secret with a wrong type is reported without its value")
  void problemsDoNotEcho() {
    LoadResult result =
        Configs.parse(
            "slack:\n  botToken: [xoxb-TOKEN-1111]\nstore:\n  url: mysql://u:DBURL4444@h/db\n");
    assertThat(Configs.errors(result))
        .containsExactly(
            "slack.botToken (line 2): expected text, got a list",
            "store.url (line 4): expected a JDBC URL of H2 (jdbc:h2:file:./data/shipmate) or"
                + " PostgreSQL (jdbc:postgresql://db.example.com:5432/shipmate)");
    assertThat(result.problems().toString()).doesNotContain(VALUES);
  }

  @Test
  @DisplayName("credentials in URLs are hidden, the rest of the URL kept")
  void urls() {
    assertThat(Redaction.url("https://user:pw@host/x")).isEqualTo("https://user:<redacted>@host/x");
    assertThat(Redaction.url("https://ghp_abc@github.com/a/b.git"))
        .isEqualTo("https://<redacted>@github.com/a/b.git");
    assertThat(Redaction.url("jdbc:h2:file:./data/x;USER=sa;PASSWORD=pw;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:file:./data/x;USER=sa;PASSWORD=<redacted>;WRITE_DELAY=0");
    assertThat(Redaction.url("git@github.com:acme/k8s.git"))
        .isEqualTo("git@github.com:acme/k8s.git");
    assertThat(Redaction.url("jdbc:h2:file:./data/shipmate"))
        .isEqualTo("jdbc:h2:file:./data/shipmate");
  }
}
