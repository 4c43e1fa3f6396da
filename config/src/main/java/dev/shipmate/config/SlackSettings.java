package dev.shipmate.config;

import java.util.Optional;

/**
 * {@code slack:} — how Slack reaches the bot ({@code mode}), the bot token and signing secret
 * (usually {@code ${SLACK_BOT_TOKEN}} and {@code ${SLACK_SIGNING_SECRET}}), the app-level token
 * Socket Mode connects with ({@code ${SLACK_APP_TOKEN}}), and the default channel runs report to
 * when a command names none.
 */
public record SlackSettings(
    Mode mode, Secret botToken, Secret signingSecret, Secret appToken, Optional<String> channel) {

  /** HTTP and the three credentials of before Socket Mode existed: what most callers mean. */
  public SlackSettings(Secret botToken, Secret signingSecret, Optional<String> channel) {
    this(Mode.HTTP, botToken, signingSecret, new Secret(""), channel);
  }

  /** How Slack delivers commands, clicks and events to the bot. */
  public enum Mode {
    /** Slack POSTs signed requests to {@code /slack/events}: the default. */
    HTTP,
    /**
     * The bot opens WebSockets to Slack ({@code apps.connections.open}) and takes them there: no
     * inbound endpoint for Slack, for clusters that must not expose one.
     */
    SOCKET
  }
}
