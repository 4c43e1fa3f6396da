package dev.shipmate.config;

import java.util.Optional;

/** Reads {@code slack:} and {@code store:}, the settings the bot needs before anything else. */
final class SettingsReader {
  static final Keys SLACK = Keys.of("botToken", "signingSecret", "channel");
  static final Keys STORE = Keys.of("url", "username", "password");

  private SettingsReader() {}

  static SlackSettings slack(YamlMapping slack) {
    Secret botToken = requiredSecret(slack, "botToken", "SLACK_BOT_TOKEN");
    Secret signingSecret = requiredSecret(slack, "signingSecret", "SLACK_SIGNING_SECRET");
    return new SlackSettings(botToken, signingSecret, slack.text("channel"));
  }

  /**
   * A secret the bot cannot serve without. Empty is only a warning: {@code validate}, {@code local}
   * and the tests run without one.
   */
  private static Secret requiredSecret(YamlMapping slack, String key, String variable) {
    if (slack.get(key).isEmpty()) {
      slack.warningAt(
          key,
          "missing: `serve` refuses to start without it: write "
              + key
              + ": ${"
              + variable
              + "} and set "
              + variable);
      return new Secret("");
    }
    // Absent when the value could not be read; that problem is reported already.
    Optional<Secret> secret = secret(slack, key);
    if (secret.isPresent() && secret.get().isBlank()) {
      slack.warningAt(key, "empty: `serve` refuses to start without it: set " + variable);
    }
    return secret.orElse(new Secret(""));
  }

  /** A secret's text, trimmed (a token pasted from a file often ends in a newline). */
  static Optional<Secret> secret(YamlMapping mapping, String key) {
    return mapping.get(key).flatMap(YamlValue::rawText).map(t -> new Secret(t.trim()));
  }

  static StoreSettings store(YamlMapping store) {
    String url = store.text("url").orElse(StoreSettings.DEFAULT_URL);
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      // The URL is not echoed: it may carry a password.
      store.errorAt(
          "url",
          "expected a JDBC URL of H2 (jdbc:h2:file:./data/shipmate) or PostgreSQL"
              + " (jdbc:postgresql://db.example.com:5432/shipmate)");
    }
    Optional<Secret> password = secret(store, "password").filter(s -> !s.isBlank());
    return new StoreSettings(url, store.text("username"), password);
  }
}
