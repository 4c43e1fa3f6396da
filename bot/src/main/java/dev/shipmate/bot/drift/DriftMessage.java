package dev.shipmate.bot.drift;

import dev.shipmate.bot.slack.render.RenderedNote;
import dev.shipmate.bot.slack.render.SlackMessage;
import java.util.Optional;

/**
 * A drift report as Slack gets it: the message, and the full diff as a file for its thread (none
 * when there is no drift).
 */
public record DriftMessage(SlackMessage message, Optional<RenderedNote.AsFile> diff) {}
