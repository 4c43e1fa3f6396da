package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;

/** Something the bot did in the simulated workspace, as listeners are told it. */
public sealed interface SlackActivity {

  record MessagePosted(SlackMessage message) implements SlackActivity {}

  record MessageUpdated(SlackMessage message) implements SlackActivity {}

  record EphemeralPosted(SlackEphemeral ephemeral) implements SlackActivity {}

  record HomePublished(String user, JsonNode view) implements SlackActivity {}

  /** A modal opened, updated, submitted or closed: {@link SlackView#state()} says which. */
  record ViewChanged(SlackView view) implements SlackActivity {}
}
