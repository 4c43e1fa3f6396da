package dev.shipmate.bot.slack.render;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A message ready for {@code chat.postMessage} or {@code chat.update}.
 *
 * @param text the fallback text: notifications, screen readers, clients without blocks
 * @param blocks the Block Kit layout; empty for a text-only message
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

  public SlackMessage {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }
}
