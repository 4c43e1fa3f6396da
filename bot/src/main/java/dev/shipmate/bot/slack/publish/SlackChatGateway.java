package dev.shipmate.bot.slack.publish;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.methods.request.files.FilesGetUploadURLExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import dev.shipmate.bot.slack.render.RenderedNote;
import dev.shipmate.bot.slack.render.SlackMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few Slack Web API calls the publisher makes, each answering a result or a classified {@link
 * SlackCallException}. Calls block: run them on the publisher's executor, never a caller's thread.
 */
public final class SlackChatGateway {

  /** Errors Slack answers with HTTP 200 and {@code ok:false} that are worth another try. */
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private final MethodsClient methods;
  private final OkHttpClient http;

  public SlackChatGateway(Slack slack, String botToken) {
    this.methods = slack.methods(botToken);
    this.http = slack.getHttpClient().getOkHttpClient();
  }

  /** Posts a message to a channel, or into a thread when {@code threadTs} is not null. */
  public CardAddress postMessage(String channel, String threadTs, SlackMessage message)
      throws SlackCallException {
    return postMessage(channel, threadTs, message, false);
  }

  /**
   * Posts a message into a thread ({@code threadTs}), shown in the channel too when {@code
   * broadcast} ({@code reply_broadcast}).
   */
  public CardAddress postMessage(
      String channel, String threadTs, SlackMessage message, boolean broadcast)
      throws SlackCallException {
    ChatPostMessageRequest request =
        ChatPostMessageRequest.builder()
            .channel(channel)
            .threadTs(threadTs)
            .replyBroadcast(broadcast && threadTs != null)
            .text(message.text())
            .blocks(message.blocks().isEmpty() ? null : message.blocks())
            .unfurlLinks(false)
            .unfurlMedia(false)
            .build();
    ChatPostMessageResponse response =
        call("chat.postMessage", () -> methods.chatPostMessage(request));
    return new CardAddress(
        response.getChannel() != null ? response.getChannel() : channel, response.getTs());
  }

  /**
   * Joins a public channel ({@code conversations.join}, scope {@code channels:join}): a top-level
   * post reaches it without ({@code chat:write.public}), a thread reply or a file does not.
   */
  void join(String channel) throws SlackCallException {
    call("conversations.join", () -> methods.conversationsJoin(r -> r.channel(channel)));
  }

  /** The address of a message for a browser ({@code chat.getPermalink}; needs no scope). */
  public String permalink(CardAddress message) throws SlackCallException {
    return call(
            "chat.getPermalink",
            () ->
                methods.chatGetPermalink(r -> r.channel(message.channel()).messageTs(message.ts())))
        .getPermalink();
  }

  void update(CardAddress card, SlackMessage message) throws SlackCallException {
    ChatUpdateRequest request =
        ChatUpdateRequest.builder()
            .channel(card.channel())
            .ts(card.ts())
            .text(message.text())
            .blocks(message.blocks())
            .build();
    call("chat.update", () -> methods.chatUpdate(request));
  }

  /**
   * Shares a text file in a card's thread: {@code files.getUploadURLExternal}, the upload itself,
   * then {@code files.completeUploadExternal}. A failure anywhere means starting over: an upload
   * URL that was not completed is simply never used.
   */
  public void uploadToThread(CardAddress card, RenderedNote.AsFile file) throws SlackCallException {
    byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
    FilesGetUploadURLExternalResponse target =
        call(
            "files.getUploadURLExternal",
            () ->
                methods.filesGetUploadURLExternal(
                    FilesGetUploadURLExternalRequest.builder()
                        .filename(file.filename())
                        .length(content.length)
                        .build()));
    upload(target.getUploadUrl(), content);
    call(
        "files.completeUploadExternal",
        () ->
            methods.filesCompleteUploadExternal(
                FilesCompleteUploadExternalRequest.builder()
                    .files(
                        List.of(
                            FileDetails.builder()
                                .id(target.getFileId())
                                .title(file.filename())
                                .build()))
                    .channelId(card.channel())
                    .threadTs(card.ts())
                    .initialComment(file.comment())
                    .build()));
  }

  private void upload(String url, byte[] content) throws SlackCallException {
    Request request =
        new Request.Builder().url(url).post(RequestBody.create(content, OCTET_STREAM)).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw classify("the file upload", response.code(), response.header("Retry-After"), null);
      }
    } catch (IOException e) {
      throw new SlackCallException(
          SlackCallException.Kind.TRANSIENT, "the file upload failed: " + e.getMessage(), null, e);
    }
  }

  private interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  private static <T extends SlackApiTextResponse> T call(String method, Call<T> call)
      throws SlackCallException {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      throw classify(method, e.getResponse().code(), e.getResponse().header("Retry-After"), e);
    } catch (IOException e) {
      throw new SlackCallException(
          SlackCallException.Kind.TRANSIENT, method + " failed: " + e.getMessage(), null, e);
    }
    if (response.isOk()) {
      return response;
    }
    String error = response.getError();
    if ("ratelimited".equals(error)) {
      throw new SlackCallException(
          SlackCallException.Kind.RATE_LIMITED,
          method + ": ratelimited",
          DEFAULT_RETRY_AFTER,
          null);
    }
    SlackCallException.Kind kind =
        TRANSIENT_ERRORS.contains(error)
            ? SlackCallException.Kind.TRANSIENT
            : SlackCallException.Kind.PERMANENT;
    throw new SlackCallException(kind, "Slack refused " + method + ": " + error, null, null);
  }

  private static SlackCallException classify(
      String what, int status, String retryAfter, Throwable cause) {
    if (status == 429) {
      return new SlackCallException(
          SlackCallException.Kind.RATE_LIMITED,
          what + " was rate limited (HTTP 429, Retry-After " + retryAfter + ")",
          retryAfter(retryAfter),
          cause);
    }
    SlackCallException.Kind kind =
        status >= 500 || status == 408
            ? SlackCallException.Kind.TRANSIENT
            : SlackCallException.Kind.PERMANENT;
    return new SlackCallException(kind, what + " answered HTTP " + status, null, cause);
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
