package dev.shipmate.bot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.dispatch.CommandAnswer;
import dev.shipmate.bot.dispatch.CommandDispatcher;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.commands.ParseResult;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every Shipmate slash command at once, and only to the person who typed it: it parses the
 * text, hands the command to the dispatcher (which checks, authorizes and creates the run) and
 * acknowledges with its answer. Nothing on this path talks to Kubernetes, AWS or Slack's Web API,
 * so the ack is never late. A run whose target asks for a confirmation is answered with an empty
 * ack and a modal, opened right after it ({@link ConfirmationModals}).
 */
public final class SlashCommandListener implements SlashCommandHandler {

  static final String EPHEMERAL = "ephemeral";

  private static final Logger log = LoggerFactory.getLogger(SlashCommandListener.class);

  private final CommandGrammar grammar;
  private final CommandDispatcher dispatcher;
  private final ConfirmationModals modals;

  public SlashCommandListener(
      CommandGrammar grammar, CommandDispatcher dispatcher, ConfirmationModals modals) {
    this.grammar = Objects.requireNonNull(grammar, "grammar");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.modals = Objects.requireNonNull(modals, "modals");
  }

  static final String NO_ORIGIN =
      "Shipmate could not tell who typed this command or where; nothing was done.";

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext context) {
    SlashCommandPayload payload = request.getPayload();
    if (payload == null
        || blank(payload.getUserId())
        || blank(payload.getChannelId())
        || blank(payload.getCommand())) {
      // Slack always sends these; a signed request without them answers nothing but this.
      return context.ack(answer -> answer.responseType(EPHEMERAL).text(NO_ORIGIN));
    }
    String text = Objects.requireNonNullElse(payload.getText(), "");
    ParseResult result = grammar.parse(payload.getCommand(), text);
    int retry = RequestKeys.retryNum(request.getHeaders());
    log.info(
        "{} from {} in {}: {}{}",
        payload.getCommand(),
        payload.getUserId(),
        payload.getChannelId(),
        result instanceof ParseResult.Parsed ? "understood" : "rejected",
        retry > 0 ? " (Slack's retry " + retry + ")" : "");
    String teamId = payload.getTeamId() != null ? payload.getTeamId() : context.getTeamId();
    boolean canAsk = !blank(payload.getTriggerId());
    CommandOrigin origin =
        new CommandOrigin(
            payload.getUserId(),
            payload.getChannelId(),
            (payload.getCommand() + " " + text).strip(),
            RequestKeys.of(teamId, payload.getTriggerId()),
            Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank()),
            canAsk ? CommandOrigin.Confirming.CAN_ASK : CommandOrigin.Confirming.CANNOT_ASK);
    CommandAnswer reply = dispatcher.dispatch(result, origin);
    if (reply.confirmation().isPresent()) {
      // Opened right after this ack, well within the trigger id's 3 s; the empty ack shows nothing.
      modals.open(payload.getTriggerId(), reply.confirmation().get());
      return context.ack();
    }
    return context.ack(answer -> answer.responseType(EPHEMERAL).text(reply.text()));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
