package dev.shipmate.bot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsJoinResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.slack.render.Mrkdwn;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells one person something, visible only to them, off the caller's thread (a command or a click
 * is acknowledged first, and the answer follows): through the request's {@code response_url} when
 * it has one — it works in any conversation, a DM, a private channel or a public channel the bot is
 * not in, five times within 30 minutes — else, or when Slack refuses the URL (used up, expired),
 * with {@code chat.postEphemeral}, which needs the bot to be a member. An answer about a card that
 * reaches neither goes into the card's thread, mentioning the person (joining a public channel to
 * post there); what still reaches nobody is logged with its text, so that an operator can tell the
 * person.
 */
public final class EphemeralReplies implements PrivateReplies {

  private static final Logger log = LoggerFactory.getLogger(EphemeralReplies.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Slack slack;
  private final MethodsClient methods;
  private final ExecutorService executor;

  public EphemeralReplies(Slack slack, MethodsClient methods, ExecutorService executor) {
    this.slack = Objects.requireNonNull(slack, "slack");
    this.methods = Objects.requireNonNull(methods, "methods");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void tell(String channelId, String userId, String text) {
    tell(channelId, userId, Optional.empty(), text);
  }

  @Override
  public void tell(String channelId, String userId, Optional<String> replyUrl, String text) {
    tell(channelId, userId, replyUrl, text, Optional.empty());
  }

  @Override
  public void tell(
      String channelId,
      String userId,
      Optional<String> replyUrl,
      String text,
      Optional<String> threadTs) {
    try {
      executor.execute(
          () -> {
            if (!send(channelId, userId, replyUrl, text)
                && (channelId == null
                    || threadTs.isEmpty()
                    || !inThread(channelId, threadTs.get(), userId, text))) {
              log.warn("could not tell {} in {}: '{}'", userId, channelId, text);
            }
          });
    } catch (RejectedExecutionException stopping) {
      log.warn("not telling {} '{}': Shipmate is stopping", userId, text);
    }
  }

  /** Whether the answer reached {@code userId} privately. */
  private boolean send(String channelId, String userId, Optional<String> replyUrl, String text) {
    if (replyUrl.isPresent() && viaResponseUrl(replyUrl.get(), userId, text)) {
      return true;
    }
    if (channelId == null) {
      return false;
    }
    try {
      ChatPostEphemeralResponse response =
          methods.chatPostEphemeral(r -> r.channel(channelId).user(userId).text(text));
      if (response.isOk()) {
        return true;
      }
      log.info(
          "chat.postEphemeral to {} in {} refused ({})", userId, channelId, response.getError());
    } catch (Exception e) {
      log.info("chat.postEphemeral to {} in {} failed ({})", userId, channelId, e.toString());
    }
    return false;
  }

  /**
   * Whether the answer reached the thread of {@code threadTs}, mentioning {@code userId}: a card's
   * thread reply needs the bot in the channel, so a public channel is joined once when Slack says
   * {@code not_in_channel}.
   */
  private boolean inThread(String channelId, String threadTs, String userId, String text) {
    String mentioned = Mrkdwn.user(userId) + " " + text;
    try {
      ChatPostMessageResponse response = threadReply(channelId, threadTs, mentioned);
      if (!response.isOk() && "not_in_channel".equals(response.getError())) {
        ConversationsJoinResponse joined = methods.conversationsJoin(r -> r.channel(channelId));
        if (joined.isOk()) {
          response = threadReply(channelId, threadTs, mentioned);
        }
      }
      if (response.isOk()) {
        log.info(
            "told {} in the thread of {} instead, as no private answer reached them",
            userId,
            threadTs);
        return true;
      }
      log.info("the thread of {} in {} refused ({})", threadTs, channelId, response.getError());
    } catch (Exception e) {
      log.info("the thread of {} in {} failed ({})", threadTs, channelId, e.toString());
    }
    return false;
  }

  private ChatPostMessageResponse threadReply(String channelId, String threadTs, String text)
      throws Exception {
    return methods.chatPostMessage(r -> r.channel(channelId).threadTs(threadTs).text(text));
  }

  /** Whether Slack took the answer at {@code url}. */
  private boolean viaResponseUrl(String url, String userId, String text) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("response_type", "ephemeral");
    // A click's response_url would otherwise be free to replace the card the button sits on.
    payload.put("replace_original", false);
    payload.put("text", text);
    try {
      WebhookResponse response = slack.send(url, payload.toString());
      if (response.getCode() != null && response.getCode() == 200) {
        return true;
      }
      log.info(
          "response_url refused the answer to {} ({} {}); falling back to chat.postEphemeral",
          userId,
          response.getCode(),
          response.getBody());
    } catch (Exception e) {
      log.info(
          "response_url failed for {} ({}); falling back to chat.postEphemeral",
          userId,
          e.toString());
    }
    return false;
  }
}
