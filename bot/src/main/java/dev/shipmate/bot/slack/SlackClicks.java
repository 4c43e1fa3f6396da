package dev.shipmate.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.model.view.ViewState;
import dev.shipmate.bot.dispatch.Click;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code block_actions} payload into a {@link Click}, in one place: Slack leaves parts out
 * depending on where the button sits (a message, App Home, a modal).
 */
final class SlackClicks {

  private SlackClicks() {}

  /** The click, or empty when the payload names nobody who clicked (then nothing is done). */
  static Optional<Click> of(BlockActionRequest request, ActionContext context) {
    BlockActionPayload payload = request.getPayload();
    if (payload == null || payload.getUser() == null || payload.getUser().getId() == null) {
      return Optional.empty();
    }
    String teamId = payload.getTeam() != null ? payload.getTeam().getId() : context.getTeamId();
    boolean hasAction = payload.getActions() != null && !payload.getActions().isEmpty();
    return Optional.of(
        new Click(
            payload.getUser().getId(),
            payload.getChannel() != null ? payload.getChannel().getId() : null,
            hasAction ? payload.getActions().get(0).getActionId() : null,
            hasAction ? payload.getActions().get(0).getValue() : null,
            RequestKeys.of(teamId, payload.getTriggerId()),
            messageTs(payload),
            inputs(payload),
            RequestKeys.retryNum(request.getHeaders()),
            Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank())));
  }

  private static Optional<String> messageTs(BlockActionPayload payload) {
    if (payload.getContainer() != null && payload.getContainer().getMessageTs() != null) {
      return Optional.of(payload.getContainer().getMessageTs());
    }
    return payload.getMessage() != null
        ? Optional.ofNullable(payload.getMessage().getTs())
        : Optional.empty();
  }

  /** What the message's input boxes held, by the input's action id. */
  private static Map<String, String> inputs(BlockActionPayload payload) {
    Map<String, String> inputs = new HashMap<>();
    if (payload.getState() == null || payload.getState().getValues() == null) {
      return inputs;
    }
    for (Map<String, ViewState.Value> block : payload.getState().getValues().values()) {
      if (block == null) {
        continue;
      }
      block.forEach(
          (actionId, value) -> {
            if (actionId != null && value != null && value.getValue() != null) {
              inputs.put(actionId, value.getValue());
            }
          });
    }
    return inputs;
  }
}
