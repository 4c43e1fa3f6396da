package dev.shipmate.config;

import java.util.Optional;

/** Reads {@code slack:} and {@code store:}, the settings the bot needs before anything else. */
final class SettingsReader {
  static final Keys SLACK = Keys.of("mode", "botToken", "signingSecret", "appToken", "channel");
  static final Keys STORE = Keys.of("url", "username", "password");

  private SettingsReader() {}

  static SlackSettings slack(YamlMapping slack) {
    SlackSettings.Mode mode = slackMode(slack);
    Secret botToken = requiredSecret(slack, "botToken", "SLACK_BOT_TOKEN");
    // Socket Mode needs no signing secret (the WebSocket is the authentication) but an app token.
    Secret signingSecret =
        mode == SlackSettings.Mode.HTTP
            ? requiredSecret(slack, "signingSecret", "SLACK_SIGNING_SECRET")
            : secret(slack, "signingSecret").orElse(new Secret(""));
    Secret appToken =
        mode == SlackSettings.Mode.SOCKET
            ? requiredSecret(slack, "appToken", "SLACK_APP_TOKEN")
            : secret(slack, "appToken").orElse(new Secret(""));
    return new SlackSettings(mode, botToken, signingSecret, appToken, slack.text("channel"));
  }

  private static SlackSettings.Mode slackMode(YamlMapping slack) {
    Optional<String> text = slack.text("mode");
    if (text.isEmpty() || text.get().isBlank()) {
      return SlackSettings.Mode.HTTP;
    }
    String mode = text.get().trim();
    if (mode.equals("http")) {
      return SlackSettings.Mode.HTTP;
    }
    if (mode.equals("socket")) {
      return SlackSettings.Mode.SOCKET;
    }
    slack.errorAt(
        "mode",
        "expected http (Slack posts to /slack/events, the default) or socket (Socket Mode: the"
            + " bot connects to Slack with an app-level token), got "
            + YamlValue.quote(mode));
    return SlackSettings.Mode.HTTP;
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
