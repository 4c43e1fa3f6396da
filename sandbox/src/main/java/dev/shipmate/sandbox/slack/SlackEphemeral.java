package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;

/** An ephemeral message: shown to one user in a channel, never stored in its history. */
public record SlackEphemeral(
    String channel, String user, String messageTs, String threadTs, String text, JsonNode blocks) {}
