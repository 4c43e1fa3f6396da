package dev.shipmate.bot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.commands.ParseResult;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every Shipmate slash command at once, and only to the person who typed it: it parses the
 * text and acknowledges with the reply. It starts nothing, so the ack is never late.
 */
public final class SlashCommandListener implements SlashCommandHandler {

  static final String EPHEMERAL = "ephemeral";

  private static final Logger log = LoggerFactory.getLogger(SlashCommandListener.class);

  private final CommandGrammar grammar;
  private final CommandReplyRenderer renderer;

  public SlashCommandListener(CommandGrammar grammar, CommandReplyRenderer renderer) {
    this.grammar = grammar;
    this.renderer = renderer;
  }

  @Override
  public Response apply(SlashCommandRequest request, SlashCommandContext context) {
    SlashCommandPayload payload = request.getPayload();
    String text = Objects.requireNonNullElse(payload.getText(), "");
    ParseResult result = grammar.parse(payload.getCommand(), text);
    log.info(
        "{} from {} in {}: {}",
        payload.getCommand(),
        payload.getUserId(),
        payload.getChannelId(),
        result instanceof ParseResult.Parsed ? "understood" : "rejected");
    String reply = renderer.render(result);
    return context.ack(answer -> answer.responseType(EPHEMERAL).text(reply));
  }
}
