package dev.shipmate.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import java.util.Optional;

/**
 * What every button handler reads from a {@code block_actions} payload, read in one place: Slack
 * leaves parts out depending on where the button sits (a message, App Home, a modal).
 *
 * @param channelId the channel of the message, or null when the button is not in one
 * @param actionId the clicked button's {@code action_id}
 * @param value the clicked button's value, or null when it has none
 * @param requestKey the key that makes a second delivery of this click a no-op, when Slack gave a
 *     trigger id
 * @param messageTs the ts of the message the button sits on (the run card), when there is one
 */
public record ButtonClick(
    String userId,
    String channelId,
    String actionId,
    String value,
    Optional<String> requestKey,
    Optional<String> messageTs,
    int retry) {

  public static ButtonClick of(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    String teamId = payload.getTeam() != null ? payload.getTeam().getId() : context.getTeamId();
    return new ButtonClick(
        payload.getUser().getId(),
        payload.getChannel() != null ? payload.getChannel().getId() : null,
        payload.getActions() == null || payload.getActions().isEmpty()
            ? null
            : payload.getActions().get(0).getActionId(),
        payload.getActions() == null || payload.getActions().isEmpty()
            ? null
            : payload.getActions().get(0).getValue(),
        RequestKeys.of(teamId, payload.getTriggerId()),
        messageTs(payload),
        RequestKeys.retryNum(request.getHeaders()));
  }

  private static Optional<String> messageTs(BlockActionPayload payload) {
    if (payload.getContainer() != null && payload.getContainer().getMessageTs() != null) {
      return Optional.of(payload.getContainer().getMessageTs());
    }
    return payload.getMessage() != null
        ? Optional.ofNullable(payload.getMessage().getTs())
        : Optional.empty();
  }
}
