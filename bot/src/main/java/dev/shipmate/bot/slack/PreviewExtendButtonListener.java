package dev.shipmate.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.command.PreviewCommands;
import dev.shipmate.engine.Engine;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A click on the Extend button of an "expires within the hour" warning: the preview named by the
 * button ({@code pr-12}) is extended by {@link PreviewCommands#BUTTON_EXTENSION}, as {@code /env
 * extend} would. What happened is told to the person who clicked, and only to them.
 */
public final class PreviewExtendButtonListener implements BlockActionHandler {
  private static final Pattern HANDLE = Pattern.compile("pr-(\\d{1,9})");

  private final PreviewCommands previews;
  private final Engine engine;
  private final EphemeralReplies replies;

  public PreviewExtendButtonListener(
      PreviewCommands previews, Engine engine, EphemeralReplies replies) {
    this.previews = Objects.requireNonNull(previews, "previews");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    ButtonClick click = ButtonClick.of(request, context);
    String userId = click.userId();
    String channelId = click.channelId();
    String value = Objects.requireNonNullElse(click.value(), "");
    Optional<String> key = click.requestKey();
    if (key.isPresent() && !engine.claimRequest(key.get())) {
      return context.ack();
    }
    Matcher handle = HANDLE.matcher(value);
    String answer =
        handle.matches()
            ? previews.extendFromButton(Integer.parseInt(handle.group(1)), userId, channelId)
            : "That button names no preview; /env list shows them.";
    if (channelId != null) {
      replies.tell(channelId, userId, answer);
    }
    return context.ack();
  }
}
