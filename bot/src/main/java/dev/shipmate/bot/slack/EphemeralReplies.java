package dev.shipmate.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import dev.shipmate.bot.dispatch.PrivateReplies;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells one person something in a channel, visible only to them ({@code chat.postEphemeral}), off
 * the caller's thread: a button click is acknowledged first, and the answer follows.
 */
public final class EphemeralReplies implements PrivateReplies {

  private static final Logger log = LoggerFactory.getLogger(EphemeralReplies.class);

  private final MethodsClient methods;
  private final ExecutorService executor;

  public EphemeralReplies(MethodsClient methods, ExecutorService executor) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void tell(String channelId, String userId, String text) {
    try {
      executor.execute(() -> send(channelId, userId, text));
    } catch (RejectedExecutionException stopping) {
      log.warn("not telling {} '{}': Shipmate is stopping", userId, text);
    }
  }

  private void send(String channelId, String userId, String text) {
    try {
      ChatPostEphemeralResponse response =
          methods.chatPostEphemeral(r -> r.channel(channelId).user(userId).text(text));
      if (!response.isOk()) {
        log.warn(
            "chat.postEphemeral to {} in {} refused: {}", userId, channelId, response.getError());
      }
    } catch (Exception e) {
      log.warn("chat.postEphemeral to {} in {} failed: {}", userId, channelId, e.toString());
    }
  }
}
