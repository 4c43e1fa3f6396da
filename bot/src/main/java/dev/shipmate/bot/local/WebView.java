package dev.shipmate.bot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.commands.HelpText;
import dev.shipmate.commands.HelpText.UsageLine;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackActivity;
import dev.shipmate.sandbox.slack.SlackActivity.EphemeralPosted;
import dev.shipmate.sandbox.slack.SlackActivity.MessagePosted;
import dev.shipmate.sandbox.slack.SlackActivity.MessageUpdated;
import dev.shipmate.sandbox.slack.SlackActivity.ViewChanged;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import dev.shipmate.sandbox.slack.SlackEphemeral;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.slack.SlackView;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Local mode's web view: a page that looks like a Slack channel, served at {@code /} beside {@code
 * /slack/events}. It shows the Slack stand-in's state — every message and ephemeral message the bot
 * really sent, with its Block Kit blocks, drawn by the page's own small Block Kit renderer — and
 * sends what a person does there to the bot as Slack would: signed slash commands and signed {@code
 * block_actions}, through the same {@link SlackClientSimulator} the terminal console uses. It never
 * asks the engine anything: what it shows is what Slack would show.
 *
 * <ul>
 *   <li>{@code GET /} the page; {@code GET /webview/*} its script and style sheet
 *   <li>{@code GET /web/state} channels, personas, commands, messages, ephemeral messages and the
 *       modals open (a confirmation of a run on a {@code confirm: true} target)
 *   <li>{@code GET /web/events} Server-Sent Events: the state, then each message posted or updated,
 *       each ephemeral message and each modal opened, updated or closed, as the stand-in is told
 *       them
 *   <li>{@code POST /web/command} {@code {user, channel, text}}: a slash command
 *   <li>{@code POST /web/action} {@code {user, channel, ts, actionId, value}}: a button click
 *   <li>{@code POST /web/view} {@code {user, id, answer}}: Submit ({@code submit}) or Cancel
 *       ({@code cancel}) on an open modal
 * </ul>
 */
public final class WebView implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]+");

  /** An idle event stream gets a comment this often, so that a closed tab is noticed. */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private static final Map<String, String> ASSETS =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/webview/app.js", "app.js",
          "/webview/blockkit.js", "blockkit.js",
          "/webview/style.css", "style.css");

  /** What an event stream's queue is given when the web view closes: the stream then ends. */
  private static final SlackActivity CLOSED = new SlackActivity.HomePublished("", JSON.nullNode());

  private final SimulatedSlack slack;
  private final String signingSecret;
  private final Clock clock;
  private final List<String> personas;
  private final String defaultUser;
  private final String defaultChannel;
  private final Set<BlockingQueue<SlackActivity>> streams = ConcurrentHashMap.newKeySet();
  private volatile SlackClientSimulator client;
  private volatile boolean closed;

  /**
   * @param slack the stand-in whose state is shown
   * @param signingSecret what requests to the bot are signed with
   * @param clock the time requests are stamped with: near the bot's own
   * @param personas the users one can act as, in the order offered
   * @param defaultUser who one acts as when the page opens
   * @param defaultChannel the channel the page opens on
   */
  public WebView(
      SimulatedSlack slack,
      String signingSecret,
      Clock clock,
      List<String> personas,
      String defaultUser,
      String defaultChannel) {
    this.slack = slack;
    this.signingSecret = signingSecret;
    this.clock = clock;
    this.personas = List.copyOf(personas);
    this.defaultUser = defaultUser;
    this.defaultChannel = defaultChannel;
  }

  /** The servlets to serve, by path: mounted on the bot's HTTP server. */
  public Map<String, HttpServlet> servlets() {
    return Map.of("/", new Servlet());
  }

  /**
   * Where the bot takes Slack's requests, once it listens: until then, commands and clicks are
   * answered 503.
   */
  public void connect(URI slackEvents) {
    // A client of the stand-in's own workspace: its trigger ids open modals there and its
    // response_urls are served there, as the console's are.
    this.client =
        signingSecret.equals(slack.signingSecret())
            ? new SlackClientSimulator(slackEvents, slack, clock)
            : new SlackClientSimulator(slackEvents, signingSecret, clock);
  }

  /** Ends every event stream, so that the HTTP server's graceful stop need not wait for them. */
  @Override
  public void close() {
    closed = true;
    streams.forEach(queue -> queue.offer(CLOSED));
  }

  /** Everything the page draws, as JSON. */
  ObjectNode state() {
    ObjectNode state = JSON.createObjectNode();
    state.put("user", defaultUser);
    state.put("channel", defaultChannel);
    ArrayNode channels = state.putArray("channels");
    ArrayNode messages = state.putArray("messages");
    for (String channel : slack.channels()) {
      channels.add(channel);
      slack.messages(channel).forEach(message -> messages.add(json(message)));
    }
    personas.forEach(state.putArray("personas")::add);
    ArrayNode commands = state.putArray("commands");
    for (UsageLine usage : HelpText.usages()) {
      commands
          .addObject()
          .put("command", usage.command())
          .put("line", usage.line())
          .put("description", usage.description())
          .put("example", usage.example());
    }
    ArrayNode ephemerals = state.putArray("ephemerals");
    slack.ephemerals().forEach(ephemeral -> ephemerals.add(json(ephemeral)));
    ArrayNode views = state.putArray("views");
    slack.views().stream().filter(SlackView::isOpen).forEach(view -> views.add(json(view)));
    return state;
  }

  /** A modal: who sees it, whether it is still open, and the view as the bot last sent it. */
  private static ObjectNode json(SlackView view) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", view.id());
    json.put("user", view.user());
    json.put("state", view.state().name().toLowerCase(java.util.Locale.ROOT));
    json.set("view", view.view());
    return json;
  }

  private static ObjectNode json(SlackMessage message) {
    ObjectNode json = JSON.createObjectNode();
    json.put("channel", message.channel());
    json.put("ts", message.ts());
    json.put("threadTs", message.threadTs());
    json.put("reply", message.isReply());
    json.put("user", message.user());
    json.put("text", message.text());
    json.set("blocks", message.blocks());
    json.put("edits", message.edits());
    return json;
  }

  private static ObjectNode json(SlackEphemeral ephemeral) {
    ObjectNode json = JSON.createObjectNode();
    json.put("channel", ephemeral.channel());
    json.put("user", ephemeral.user());
    json.put("ts", ephemeral.messageTs());
    json.put("threadTs", ephemeral.threadTs());
    json.put("text", ephemeral.text());
    json.set("blocks", ephemeral.blocks());
    return json;
  }

  /** The one servlet, at {@code /}: it routes by path, as the page needs only a handful. */
  private final class Servlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getRequestURI();
      if (path.equals("/web/state")) {
        sendJson(response, 200, state());
      } else if (path.equals("/web/events")) {
        stream(response);
      } else if (ASSETS.containsKey(path)) {
        asset(response, ASSETS.get(path));
      } else {
        response.sendError(404, "Not here: the web view is at /");
      }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getRequestURI();
      if (!path.equals("/web/command")
          && !path.equals("/web/action")
          && !path.equals("/web/view")) {
        response.sendError(
            404, "Not here: the web view posts to /web/command, /web/action and /web/view");
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(request.getInputStream());
      } catch (IOException notJson) {
        sendError(response, 400, "The body must be JSON.");
        return;
      }
      SlackClientSimulator bot = client;
      if (bot == null) {
        sendError(response, 503, "The bot is still starting: try again in a moment.");
        return;
      }
      String user = text(body, "user");
      String channel = text(body, "channel");
      if (!USER_ID.matcher(user).matches()) {
        sendError(response, 400, "`user` must be a Slack user id, like U01SRE2.");
        return;
      }
      if (path.equals("/web/view")) {
        view(response, bot, user, text(body, "id"), text(body, "answer"));
        return;
      }
      if (!slack.channels().contains(channel)) {
        sendError(response, 400, "No channel " + channel + " in the sandbox's Slack.");
        return;
      }
      if (path.equals("/web/command")) {
        command(response, bot, user, channel, text(body, "text").strip());
      } else {
        action(response, bot, user, channel, body);
      }
    }

    private void command(
        HttpServletResponse response,
        SlackClientSimulator bot,
        String user,
        String channel,
        String typed)
        throws IOException {
      if (!typed.matches("/[a-z][a-z-]*( .*)?")) {
        sendError(
            response,
            400,
            "Type a slash command, like /deploy web v1.2 staging or /shipmate help.");
        return;
      }
      int space = typed.indexOf(' ');
      String command = space < 0 ? typed : typed.substring(0, space);
      String text = space < 0 ? "" : typed.substring(space + 1).strip();
      answer(response, bot.slashCommand(channel, user, command, text));
    }

    private void action(
        HttpServletResponse response,
        SlackClientSimulator bot,
        String user,
        String channel,
        JsonNode body)
        throws IOException {
      String ts = text(body, "ts");
      String actionId = text(body, "actionId");
      boolean shown =
          slack.message(channel, ts).isPresent()
              || slack.ephemerals().stream().anyMatch(e -> e.messageTs().equals(ts));
      if (!shown || actionId.isEmpty()) {
        sendError(response, 400, "No message " + ts + " with that button in " + channel + ".");
        return;
      }
      answer(response, bot.blockAction(channel, user, ts, actionId, text(body, "value")));
    }

    /**
     * Submit ({@code answer: submit}) or Cancel ({@code cancel}) on the modal {@code id} open in
     * front of {@code user}: a signed {@code view_submission} or {@code view_closed}, as Slack
     * sends them.
     */
    private void view(
        HttpServletResponse response,
        SlackClientSimulator bot,
        String user,
        String id,
        String answer)
        throws IOException {
      boolean open =
          slack.view(id).filter(SlackView::isOpen).filter(v -> v.user().equals(user)).isPresent();
      if (!open || !(answer.equals("submit") || answer.equals("cancel"))) {
        sendError(
            response,
            400,
            "No modal " + id + " open for " + user + ", or `answer` is not submit or cancel.");
        return;
      }
      if (answer.equals("submit")) {
        answer(response, bot.submitView(id));
      } else {
        Optional<BotResponse> closed = bot.closeView(id);
        if (closed.isPresent()) {
          answer(response, closed.get());
        } else {
          sendJson(response, 200, JSON.createObjectNode().put("status", 200).putNull("ack"));
        }
      }
    }

    /** The bot's answer to the page: its HTTP status and body (an ack's text or blocks). */
    private void answer(HttpServletResponse response, BotResponse answer) throws IOException {
      ObjectNode json = JSON.createObjectNode();
      json.put("status", answer.status());
      json.set("ack", ack(answer.body()));
      sendJson(response, 200, json);
    }

    private static JsonNode ack(String body) {
      if (body == null || body.isBlank()) {
        return JSON.nullNode();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        return JSON.createObjectNode().put("text", body);
      }
    }

    /**
     * Server-Sent Events: the whole state first, then each activity. Registered before the state is
     * read, so nothing falls between; an activity both in the state and in the stream is drawn
     * twice to the same effect (the page keeps a message's latest edit).
     */
    private void stream(HttpServletResponse response) throws IOException {
      BlockingQueue<SlackActivity> queue = new LinkedBlockingQueue<>();
      Consumer<SlackActivity> listener = queue::offer;
      slack.addListener(listener);
      streams.add(queue);
      try {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        PrintWriter out = response.getWriter();
        send(out, "state", state());
        while (!closed) {
          SlackActivity activity = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
          if (activity == null) {
            out.write(": still here\n\n");
          } else if (activity == CLOSED) {
            return;
          } else {
            event(activity).ifPresent(json -> send(out, json.get("kind").asText(), json));
          }
          out.flush();
          if (out.checkError()) {
            return; // the page was closed
          }
        }
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      } finally {
        streams.remove(queue);
        slack.removeListener(listener);
      }
    }

    private static Optional<ObjectNode> event(SlackActivity activity) {
      if (activity instanceof MessagePosted posted) {
        return Optional.of(json(posted.message()).put("kind", "message"));
      }
      if (activity instanceof MessageUpdated updated) {
        return Optional.of(json(updated.message()).put("kind", "message"));
      }
      if (activity instanceof EphemeralPosted ephemeral) {
        return Optional.of(json(ephemeral.ephemeral()).put("kind", "ephemeral"));
      }
      if (activity instanceof ViewChanged changed) {
        return Optional.of(json(changed.view()).put("kind", "view"));
      }
      return Optional.empty();
    }

    private static void send(PrintWriter out, String event, JsonNode data) {
      out.write("event: " + event + "\ndata: " + data + "\n\n");
      out.flush();
    }

    private static void asset(HttpServletResponse response, String name) throws IOException {
      try (InputStream in = WebView.class.getResourceAsStream("/webview/" + name)) {
        if (in == null) {
          response.sendError(404, "The web view's " + name + " is missing from the jar.");
          return;
        }
        response.setStatus(200);
        response.setContentType(contentType(name));
        response.setHeader("Cache-Control", "no-cache");
        in.transferTo(response.getOutputStream());
      }
    }

    private static String contentType(String name) {
      if (name.endsWith(".js")) {
        return "text/javascript; charset=utf-8";
      }
      if (name.endsWith(".css")) {
        return "text/css; charset=utf-8";
      }
      return "text/html; charset=utf-8";
    }

    private static void sendError(HttpServletResponse response, int status, String message)
        throws IOException {
      sendJson(response, status, JSON.createObjectNode().put("error", message));
    }

    private static void sendJson(HttpServletResponse response, int status, JsonNode json)
        throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      response.getOutputStream().write(JSON.writeValueAsBytes(json));
    }

    private static String text(JsonNode body, String field) {
      JsonNode value = body == null ? null : body.get(field);
      return value == null || value.isNull() ? "" : value.asText();
    }
  }
}
