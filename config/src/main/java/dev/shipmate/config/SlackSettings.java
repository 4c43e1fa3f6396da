package dev.shipmate.config;

import java.util.Optional;

/**
 * {@code slack:} — the bot token and signing secret (usually {@code ${SLACK_BOT_TOKEN}} and {@code
 * ${SLACK_SIGNING_SECRET}}), and the default channel runs report to when a command names none.
 */
public record SlackSettings(Secret botToken, Secret signingSecret, Optional<String> channel) {}
