package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message the bot posted, as the stand-in keeps it.
 *
 * @param threadTs the parent's ts for a reply; null for a top-level message
 * @param blocks the Block Kit blocks as sent (an empty array when none)
 * @param fileIds files shared with the message
 * @param edits how many times {@code chat.update} changed it
 */
public record SlackMessage(
    String channel,
    String ts,
    String threadTs,
    String user,
    String text,
    JsonNode blocks,
    List<String> fileIds,
    int edits) {

  public SlackMessage {
    fileIds = List.copyOf(fileIds);
  }

  public boolean isReply() {
    return threadTs != null && !threadTs.equals(ts);
  }

  SlackMessage edited(String newText, JsonNode newBlocks) {
    return new SlackMessage(channel, ts, threadTs, user, newText, newBlocks, fileIds, edits + 1);
  }
}
