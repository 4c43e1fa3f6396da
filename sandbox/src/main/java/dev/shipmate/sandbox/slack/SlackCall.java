package dev.shipmate.sandbox.slack;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the stand-in answered, as it arrived: a Web API call by its method name ({@code
 * chat.postMessage}), or {@code upload} for the bytes sent to an upload URL that {@code
 * files.getUploadURLExternal} handed out.
 *
 * @param params the call's arguments (form, query or JSON; JSON values other than strings as JSON
 *     text); for an upload, {@code file_id} and the {@code content} received, as UTF-8 text
 * @param status the HTTP status it was answered with
 * @param error Slack's {@code error} when it answered {@code ok: false}; null when it did what was
 *     asked
 * @param bodyLength the length of the request's body, in bytes
 * @param at when it arrived, on the stand-in's clock
 */
public record SlackCall(
    String method,
    Map<String, String> params,
    int status,
    String error,
    int bodyLength,
    Instant at) {

  public SlackCall {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public String param(String name) {
    return params.get(name);
  }

  /** Whether Slack refused it for its rate limit: HTTP 429. */
  public boolean rateLimited() {
    return status == 429;
  }

  /** Whether Slack did what was asked: HTTP 200 and {@code ok: true}. */
  public boolean ok() {
    return status == 200 && error == null;
  }
}
