package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The Web API over HTTP: {@code POST /api/<method>} with form or JSON arguments and the token as a
 * Bearer header (or a {@code token} argument), answered with Slack's JSON ({@code ok}, {@code
 * error}); and the upload URLs {@code files.getUploadURLExternal} hands out.
 */
final class SlackWebApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9]{2,}");

  /**
   * A Web API error: HTTP 200 with {@code ok: false}, as Slack answers; with what was wrong in
   * {@code response_metadata.messages} where Slack says it.
   */
  private static final class SlackError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    SlackError(String error) {
      this(error, null);
    }

    SlackError(String error, String detail) {
      super(error, null, false, false);
      this.detail = detail;
    }

    ObjectNode answer() {
      ObjectNode answer = error(getMessage());
      if (detail != null) {
        answer.putObject("response_metadata").putArray("messages").add(detail);
      }
      return answer;
    }
  }

  private final SimulatedSlack slack;
  private final HttpServer server;
  private final ExecutorService executor;

  SlackWebApi(SimulatedSlack slack, String host, int port) {
    this.slack = slack;
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("the Slack stand-in cannot listen on " + host + ":" + port, e);
    }
    this.executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-slack");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/api/", this::api);
    server.createContext("/upload/", this::upload);
    server.createContext("/response/", this::respond);
    server.start();
  }

  URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private void api(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> args = new LinkedHashMap<>();
      SlackError unreadable = null;
      try {
        args = arguments(exchange, body);
      } catch (SlackError e) {
        unreadable = e;
      }
      Optional<SimulatedSlack.Fault> fault = slack.nextFault(method);
      if (fault.isPresent() && fault.get().failure() == SlackFault.RATE_LIMITED) {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Long.toString(Math.max(1, slack.retryAfter().toSeconds())));
        answer(exchange, method, args, body, 429, error("ratelimited"));
        return;
      }
      if (fault.isPresent() && fault.get().failure() != null) {
        answer(exchange, method, args, body, 500, error("internal_error"));
        return;
      }
      Optional<java.time.Duration> wait =
          slack.rateLimited(method, args.getOrDefault("channel", args.get("channel_id")));
      if (wait.isPresent()) {
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        answer(exchange, method, args, body, 429, error("ratelimited"));
        return;
      }
      ObjectNode answer;
      try {
        if (unreadable != null) {
          throw unreadable;
        }
        authorize(exchange, method, args);
        if (fault.isPresent()) {
          throw new SlackError(fault.get().refusal());
        }
        answer = call(method, args);
      } catch (SlackError e) {
        answer = e.answer();
      }
      int status = "unknown_method".equals(answer.path("error").asText()) ? 404 : 200;
      answer(exchange, method, args, body, status, answer);
    }
  }

  /** Records the call, then answers it: whoever got the answer finds the call in the log. */
  private void answer(
      HttpExchange exchange,
      String method,
      Map<String, String> args,
      byte[] body,
      int status,
      ObjectNode answer)
      throws IOException {
    String error = answer.path("ok").asBoolean(false) ? null : answer.path("error").asText();
    slack.record(new SlackCall(method, args, status, error, body.length, slack.now()));
    send(exchange, status, answer);
  }

  /** The methods that take an app-level token ({@code xapp-…}) and no other. */
  private static final java.util.Set<String> APP_TOKEN_METHODS =
      java.util.Set.of("apps.connections.open");

  private void authorize(HttpExchange exchange, String method, Map<String, String> args) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String token =
        header != null && header.startsWith("Bearer ")
            ? header.substring("Bearer ".length()).trim()
            : args.get("token");
    if (token == null || token.isBlank()) {
      throw new SlackError("not_authed");
    }
    if (APP_TOKEN_METHODS.contains(method) != token.startsWith("xapp-")) {
      // A bot token for apps.connections.open, or an app-level token for anything else.
      throw new SlackError("not_allowed_token_type");
    }
    String expected = APP_TOKEN_METHODS.contains(method) ? slack.appToken() : slack.botToken();
    if (!token.equals(expected)) {
      throw new SlackError("invalid_auth");
    }
  }

  private ObjectNode call(String method, Map<String, String> args) {
    return switch (method) {
      case "auth.test" ->
          ok().put("url", "https://sandbox.slack.com/")
              .put("team", "Shipmate sandbox")
              .put("user", "shipmate")
              .put("team_id", SimulatedSlack.TEAM_ID)
              .put("user_id", SimulatedSlack.BOT_USER_ID)
              .put("bot_id", SimulatedSlack.BOT_ID)
              .put("is_enterprise_install", false);
      case "apps.connections.open" -> ok().put("url", slack.socketMode().open().toString());
      case "chat.postMessage" -> postMessage(args);
      case "chat.update" -> update(args);
      case "chat.postEphemeral" -> postEphemeral(args);
      case "chat.getPermalink" -> permalink(args);
      case "conversations.join" -> join(args);
      case "views.publish" -> publishView(args);
      case "views.open" -> openView(args);
      case "views.update" -> updateView(args);
      case "files.getUploadURLExternal" -> uploadUrl(args);
      case "files.completeUploadExternal" -> completeUpload(args);
      case "usergroups.users.list" -> {
        List<String> members =
            slack
                .usergroup(required(args, "usergroup"))
                .orElseThrow(() -> new SlackError("no_such_subteam"));
        ObjectNode answer = ok();
        members.forEach(answer.putArray("users")::add);
        yield answer;
      }
      case "users.info" -> {
        SimulatedSlack.User user =
            slack.user(required(args, "user")).orElseThrow(() -> new SlackError("user_not_found"));
        ObjectNode answer = ok();
        ObjectNode node = answer.putObject("user");
        node.put("id", user.id())
            .put("team_id", SimulatedSlack.TEAM_ID)
            .put("name", user.name())
            .put("real_name", user.realName())
            .put("tz", user.timeZone())
            .put("is_bot", false)
            .put("deleted", false);
        node.putObject("profile")
            .put("real_name", user.realName())
            .put("display_name", user.name());
        yield answer;
      }
      default -> error("unknown_method");
    };
  }

  private ObjectNode postMessage(Map<String, String> args) {
    String channel = channel(args.get("channel"));
    if (blankToNull(args.get("thread_ts")) != null) {
      member(channel);
    } else if (!slack.botIsMember(channel) && !isPublic(channel)) {
      // chat:write.public reaches public channels only; Slack does not admit a private one exists.
      throw new SlackError("channel_not_found");
    }
    String text = args.get("text");
    JsonNode blocks = blocks(args, BlockKit.MESSAGE_BLOCKS);
    if ((text == null || text.isEmpty()) && blocks.isEmpty() && !args.containsKey("attachments")) {
      throw new SlackError("no_text");
    }
    String threadTs = blankToNull(args.get("thread_ts"));
    if (threadTs != null && slack.message(channel, threadTs).isEmpty()) {
      throw new SlackError("thread_not_found");
    }
    SlackMessage message = slack.post(channel, threadTs, text, blocks, List.of());
    ObjectNode answer = ok().put("channel", channel).put("ts", message.ts());
    answer.set("message", message(message));
    return answer;
  }

  private ObjectNode update(Map<String, String> args) {
    String channel = channel(args.get("channel"));
    String ts = required(args, "ts");
    JsonNode blocks = args.containsKey("blocks") ? blocks(args, BlockKit.MESSAGE_BLOCKS) : null;
    SlackMessage message =
        slack
            .update(channel, ts, args.get("text"), blocks)
            .orElseThrow(() -> new SlackError("message_not_found"));
    ObjectNode answer = ok().put("channel", channel).put("ts", ts).put("text", message.text());
    answer.set("message", message(message));
    return answer;
  }

  /**
   * A message's permalink, as Slack answers it: {@code message_not_found} for a message that is not
   * there, {@code channel_not_found} for a private conversation the bot is not in.
   */
  private ObjectNode permalink(Map<String, String> args) {
    String channel = channel(args.get("channel"));
    if (!isPublic(channel) && !slack.botIsMember(channel)) {
      throw new SlackError("channel_not_found");
    }
    String ts = required(args, "message_ts");
    SlackMessage message =
        slack.message(channel, ts).orElseThrow(() -> new SlackError("message_not_found"));
    String link =
        "https://sandbox.slack.com/archives/" + channel + "/p" + message.ts().replace(".", "");
    if (message.threadTs() != null) {
      link += "?thread_ts=" + message.threadTs() + "&cid=" + channel;
    }
    return ok().put("channel", channel).put("permalink", link);
  }

  private ObjectNode postEphemeral(Map<String, String> args) {
    String channel = member(channel(args.get("channel")));
    String user = required(args, "user");
    String text = args.get("text");
    JsonNode blocks = blocks(args, BlockKit.MESSAGE_BLOCKS);
    if ((text == null || text.isEmpty()) && blocks.isEmpty()) {
      throw new SlackError("no_text");
    }
    SlackEphemeral ephemeral =
        slack.postEphemeral(channel, user, blankToNull(args.get("thread_ts")), text, blocks);
    return ok().put("message_ts", ephemeral.messageTs());
  }

  private ObjectNode publishView(Map<String, String> args) {
    String user = required(args, "user_id");
    JsonNode view = parse(required(args, "view"), "invalid_arguments");
    if (!"home".equals(view.path("type").asText())) {
      throw new SlackError("invalid_arguments");
    }
    BlockKit.problem(view.path("blocks"), BlockKit.VIEW_BLOCKS)
        .ifPresent(problem -> reject("invalid_arguments", problem));
    slack.publishHome(user, view);
    ObjectNode answer = ok();
    ObjectNode published = answer.putObject("view");
    published.put("id", "V0HOME" + Math.abs(user.hashCode() % 10000));
    published.put("team_id", SimulatedSlack.TEAM_ID);
    published.put("type", "home");
    published.set("blocks", view.path("blocks"));
    return answer;
  }

  /**
   * A modal for the user whose command or click handed out {@code trigger_id}: once, within 3 s.
   */
  private ObjectNode openView(Map<String, String> args) {
    String triggerId = required(args, "trigger_id");
    JsonNode view = modal(required(args, "view"));
    SimulatedSlack.Exchange exchanged = slack.exchangeTrigger(triggerId);
    if (exchanged.refusal() != null) {
      throw new SlackError(exchanged.refusal());
    }
    return viewAnswer(slack.openView(exchanged.user(), view));
  }

  /** Replaces an open modal, by {@code view_id}; {@code hash} must be the one last answered. */
  private ObjectNode updateView(Map<String, String> args) {
    String id = required(args, "view_id");
    JsonNode view = modal(required(args, "view"));
    Object updated = slack.updateView(id, blankToNull(args.get("hash")), view);
    if (updated instanceof String error) {
      throw new SlackError(error);
    }
    return viewAnswer((SlackView) updated);
  }

  /** A modal view, refused as Slack refuses one: its type, title, buttons, blocks and sizes. */
  private static JsonNode modal(String json) {
    JsonNode view = parse(json, "invalid_arguments");
    if (!"modal".equals(view.path("type").asText())) {
      reject("invalid_arguments", "[ERROR] must be 'modal' [json-pointer:/view/type]");
    }
    plainText(view.path("title"), "/view/title", true);
    plainText(view.path("submit"), "/view/submit", false);
    plainText(view.path("close"), "/view/close", false);
    if (view.path("callback_id").asText("").length() > 255) {
      reject(
          "invalid_arguments",
          "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]");
    }
    if (view.path("private_metadata").asText("").length() > 3000) {
      reject(
          "invalid_arguments",
          "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]");
    }
    BlockKit.problem(view.path("blocks"), BlockKit.VIEW_BLOCKS)
        .ifPresent(problem -> reject("invalid_arguments", problem));
    return view;
  }

  /** A view's title or button: plain text of at most 24 characters. */
  private static void plainText(JsonNode text, String at, boolean required) {
    if (text.isMissingNode() || text.isNull()) {
      if (required) {
        reject(
            "invalid_arguments", "[ERROR] missing required field: title [json-pointer:" + at + "]");
      }
      return;
    }
    if (!"plain_text".equals(text.path("type").asText())) {
      reject("invalid_arguments", "[ERROR] must be plain_text [json-pointer:" + at + "/type]");
    }
    String value = text.path("text").asText("");
    if (value.isEmpty() || value.length() > 24) {
      reject(
          "invalid_arguments",
          "[ERROR] must be between 1 and 24 characters [json-pointer:" + at + "/text]");
    }
  }

  private static ObjectNode viewAnswer(SlackView view) {
    ObjectNode answer = ok();
    answer.set("view", view.asSent());
    return answer;
  }

  private ObjectNode uploadUrl(Map<String, String> args) {
    String filename = required(args, "filename");
    long length;
    try {
      length = Long.parseLong(required(args, "length"));
    } catch (NumberFormatException e) {
      throw new SlackError("invalid_arguments");
    }
    SlackFile file = slack.reserveFile(filename, length);
    return ok().put("upload_url", slack.baseUrl().resolve("/upload/" + file.id()).toString())
        .put("file_id", file.id());
  }

  private ObjectNode completeUpload(Map<String, String> args) {
    JsonNode requested = parse(required(args, "files"), "invalid_arguments");
    List<SlackFile> completed = new ArrayList<>();
    for (JsonNode entry : requested) {
      String title = entry.path("title").isMissingNode() ? null : entry.path("title").asText();
      completed.add(
          slack
              .completeFile(entry.path("id").asText(), title)
              .orElseThrow(() -> new SlackError("file_not_found")));
    }
    String channel = args.get("channel_id");
    if (channel == null && args.get("channels") != null) {
      channel = args.get("channels").split(",")[0];
    }
    if (channel != null) {
      member(channel(channel));
      String threadTs = blankToNull(args.get("thread_ts"));
      if (threadTs != null && slack.message(channel, threadTs).isEmpty()) {
        throw new SlackError("thread_not_found");
      }
      slack.post(
          channel,
          threadTs,
          args.getOrDefault("initial_comment", ""),
          JSON.createArrayNode(),
          completed.stream().map(SlackFile::id).toList());
    }
    ObjectNode answer = ok();
    ArrayNode list = answer.putArray("files");
    for (SlackFile file : completed) {
      list.addObject()
          .put("id", file.id())
          .put("name", file.filename())
          .put("title", file.title())
          .put("size", file.content().length);
    }
    return answer;
  }

  private void upload(HttpExchange exchange) throws IOException {
    try (exchange) {
      String fileId = exchange.getRequestURI().getPath().substring("/upload/".length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      byte[] content =
          type != null && type.startsWith("multipart/")
              ? MultipartBody.firstPart(body, type)
              : body;
      boolean known = slack.receiveUpload(fileId, content);
      slack.record(
          new SlackCall(
              "upload",
              Map.of("file_id", fileId, "content", new String(content, StandardCharsets.UTF_8)),
              known ? 200 : 404,
              known ? null : "file_not_found",
              body.length,
              slack.now()));
      byte[] answer =
          (known ? "OK - " + content.length : "file not found").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(known ? 200 : 404, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /** A public channel joins; a private one or a DM cannot be joined, only invited to. */
  private ObjectNode join(Map<String, String> args) {
    String channel = channel(args.get("channel"));
    if (!isPublic(channel)) {
      throw new SlackError(
          slack.botIsMember(channel)
              ? "method_not_supported_for_channel_type"
              : "channel_not_found");
    }
    boolean already = slack.botIsMember(channel);
    slack.addBotTo(channel);
    ObjectNode answer = ok();
    answer
        .putObject("channel")
        .put("id", channel)
        .put("is_channel", true)
        .put("is_private", false)
        .put("is_member", true);
    if (already) {
      answer.put("warning", "already_in_channel");
    }
    return answer;
  }

  /**
   * The channel, when the bot is a member: Slack answers {@code not_in_channel} for a public
   * channel it is not in and {@code channel_not_found} for a private one or a DM it cannot see.
   */
  private String member(String channel) {
    if (slack.botIsMember(channel)) {
      return channel;
    }
    throw new SlackError(isPublic(channel) ? "not_in_channel" : "channel_not_found");
  }

  private static boolean isPublic(String channel) {
    return channel.startsWith("C");
  }

  /**
   * A post to a {@code response_url}: JSON with {@code text} or {@code blocks}, {@code
   * response_type} {@code ephemeral} (the default) or {@code in_channel}, {@code replace_original}
   * for a click's message. Shown where the request was made, whether or not the bot is a member;
   * five uses within 30 minutes, then refused with 404 as Slack does.
   */
  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      String id = exchange.getRequestURI().getPath().substring("/response/".length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> args = new LinkedHashMap<>();
      ObjectNode answer;
      int status = 200;
      try {
        if (!"POST".equals(exchange.getRequestMethod())) {
          throw new SlackError("invalid_request");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
          throw new SlackError("invalid_payload");
        }
        args = arguments(exchange, body);
        Object used = slack.useResponseUrl(id);
        if (used instanceof String refusal) {
          status = 404;
          throw new SlackError(refusal);
        }
        SimulatedSlack.ResponseUrl url = (SimulatedSlack.ResponseUrl) used;
        String text = args.get("text");
        JsonNode blocks = blocks(args, BlockKit.MESSAGE_BLOCKS);
        if ((text == null || text.isEmpty()) && blocks.isEmpty()) {
          throw new SlackError("no_text");
        }
        boolean replace = Boolean.parseBoolean(args.get("replace_original"));
        if (replace && url.messageTs() != null) {
          slack.update(url.channel(), url.messageTs(), text, blocks.isEmpty() ? null : blocks);
        } else if ("in_channel".equals(args.get("response_type"))) {
          slack.post(url.channel(), blankToNull(args.get("thread_ts")), text, blocks, List.of());
        } else {
          slack.postEphemeral(
              url.channel(), url.user(), blankToNull(args.get("thread_ts")), text, blocks);
        }
        answer = ok();
      } catch (SlackError e) {
        answer = e.answer();
        status = status == 200 ? 400 : status;
      }
      answer(exchange, "response_url", args, body, status, answer);
    }
  }

  private String channel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new SlackError("channel_not_found");
    }
    if (!slack.knowsChannel(channel) && !CHANNEL_ID.matcher(channel).matches()) {
      throw new SlackError("channel_not_found");
    }
    return channel;
  }

  /** The {@code blocks} argument, refused as Slack refuses blocks it cannot show. */
  private static JsonNode blocks(Map<String, String> args, int maxBlocks) {
    String blocks = args.get("blocks");
    if (blocks == null || blocks.isBlank()) {
      return JSON.createArrayNode();
    }
    JsonNode parsed = parse(blocks, "invalid_blocks");
    BlockKit.problem(parsed, maxBlocks).ifPresent(problem -> reject("invalid_blocks", problem));
    return parsed;
  }

  private static void reject(String error, String detail) {
    throw new SlackError(error, detail);
  }

  private static ObjectNode message(SlackMessage message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "message")
        .put("user", message.user())
        .put("bot_id", SimulatedSlack.BOT_ID)
        .put("text", message.text())
        .put("ts", message.ts())
        .put("team", SimulatedSlack.TEAM_ID);
    if (message.threadTs() != null) {
      node.put("thread_ts", message.threadTs());
    }
    node.set("blocks", message.blocks());
    if (message.edits() > 0) {
      node.putObject("edited").put("user", message.user()).put("ts", message.ts());
    }
    return node;
  }

  private static JsonNode parse(String json, String errorIfInvalid) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new SlackError(errorIfInvalid);
    }
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null || value.isBlank()) {
      throw new SlackError("invalid_arguments");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Form, query or JSON arguments, JSON values other than strings kept as JSON text. */
  private static Map<String, String> arguments(HttpExchange exchange, byte[] raw) {
    Map<String, String> args = new LinkedHashMap<>();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      args.putAll(form(query));
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.startsWith("application/json")) {
      JsonNode json = parse(body, "invalid_json");
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        args.put(
            field.getKey(),
            field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
      }
    } else {
      args.putAll(form(body));
    }
    return args;
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      values.put(
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode error(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
