package dev.shipmate.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.shipmate.bot.dispatch.ThreadPosts;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a line into a message's thread ({@code chat.postMessage} with {@code thread_ts}), off the
 * caller's thread: a button click is acknowledged first, and what it did is told in the card's
 * thread for everyone who follows it.
 */
public final class ThreadReplies implements ThreadPosts {

  private static final Logger log = LoggerFactory.getLogger(ThreadReplies.class);

  private final MethodsClient methods;
  private final ExecutorService executor;

  public ThreadReplies(MethodsClient methods, ExecutorService executor) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void post(String channelId, String threadTs, String text) {
    try {
      executor.execute(() -> send(channelId, threadTs, text));
    } catch (RejectedExecutionException stopping) {
      log.warn("not posting '{}' in {}: Shipmate is stopping", text, channelId);
    }
  }

  private void send(String channelId, String threadTs, String text) {
    try {
      ChatPostMessageResponse response =
          methods.chatPostMessage(r -> r.channel(channelId).threadTs(threadTs).text(text));
      if (!response.isOk()) {
        log.warn("chat.postMessage in {} refused: {}", channelId, response.getError());
      }
    } catch (Exception e) {
      log.warn("chat.postMessage in {} failed: {}", channelId, e.toString());
    }
  }
}
