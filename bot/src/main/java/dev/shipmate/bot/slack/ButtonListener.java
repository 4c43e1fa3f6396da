package dev.shipmate.bot.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.dispatch.ButtonDispatcher;
import java.util.Objects;

/**
 * Every Shipmate button, as Slack posts its click (signed; Bolt verifies it): read into a click and
 * handed to the {@link ButtonDispatcher}, then acknowledged.
 */
public final class ButtonListener implements BlockActionHandler {

  private final ButtonDispatcher dispatcher;

  public ButtonListener(ButtonDispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    SlackClicks.of(request, context).ifPresent(dispatcher::click);
    return context.ack();
  }
}
