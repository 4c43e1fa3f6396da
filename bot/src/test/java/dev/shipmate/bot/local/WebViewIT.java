package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackMessage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web view's HTTP side without a browser (these run where Chromium is missing): the page, the
 * state and the event stream read from the Slack stand-in, and commands and clicks signed and sent
 * on as Slack sends them — here to a recording stand-in for the bot's {@code /slack/events}.
 */
class WebViewIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
  private SimulatedSlack slack;
  private WebView web;
  private Server server;
  private URI base;

  /** A request as the bot received it. */
  record Delivery(Map<String, String> form, String timestamp, String signature, String body) {}

  @BeforeEach
  void start() throws Exception {
    slack = SimulatedSlack.start(Clock.systemUTC());
    slack.addChannel("C0DEPLOYS");
    web =
        new WebView(
            slack,
            SimulatedSlack.DEFAULT_SIGNING_SECRET,
            Clock.systemUTC(),
            List.of("U02BE1", "U01SRE2"),
            "U02BE1",
            "C0DEPLOYS");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    web.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
    context.addServlet(new ServletHolder(new RecordingBot()), "/slack/events");
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    web.close();
    server.stop();
    slack.close();
  }

  @Test
  @DisplayName("the page and its assets are served; another path is a 404 that says where to go")
  void pageAndAssets() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("/webview/app.js", "/webview/blockkit.js", "id=\"persona\"");
    for (String asset : List.of("/webview/app.js", "/webview/blockkit.js", "/webview/style.css")) {
      assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
    }
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the state: the stand-in's channels, messages with their blocks, personas, commands")
  void state() throws Exception {
    SlackMessage posted = slack.addMessage("C0DEPLOYS", "Deploy web v1.2 to staging: running");

    JsonNode state = JSON.readTree(get("/web/state").body());

    assertThat(state.get("channels").toString()).isEqualTo("[\"C0DEPLOYS\"]");
    assertThat(state.get("user").asText()).isEqualTo("U02BE1");
    assertThat(state.get("personas").toString()).isEqualTo("[\"U02BE1\",\"U01SRE2\"]");
    assertThat(state.get("messages")).hasSize(1);
    assertThat(state.get("messages").get(0).get("ts").asText()).isEqualTo(posted.ts());
    assertThat(state.get("messages").get(0).get("text").asText()).contains("running");
    assertThat(state.get("commands").findValuesAsText("line"))
        .contains(
            "/deploy <service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"]"
                + " [--queue]");
  }

  @Test
  @DisplayName("a slash command goes to the bot signed as Slack signs it, and its ack comes back")
  void slashCommand() throws Exception {
    web.connect(base.resolve("/slack/events"));

    HttpResponse<String> answer =
        post(
            "/web/command",
            "{\"user\":\"U01SRE2\",\"channel\":\"C0DEPLOYS\",\"text\":\"/deploy web v1.2 staging\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.get("status").asInt()).isEqualTo(200);
    assertThat(json.get("ack").get("text").asText()).isEqualTo("Started d-abcd");
    Delivery delivery = delivered.get(0);
    assertThat(delivery.form())
        .containsEntry("command", "/deploy")
        .containsEntry("text", "web v1.2 staging")
        .containsEntry("user_id", "U01SRE2")
        .containsEntry("channel_id", "C0DEPLOYS");
    assertThat(delivery.signature())
        .isEqualTo(
            SlackClientSimulator.sign(
                SimulatedSlack.DEFAULT_SIGNING_SECRET, delivery.timestamp(), delivery.body()));
  }

  @Test
  @DisplayName(
      "a modal the bot opened is in the state; Submit on it is a signed view_submission that"
          + " closes it, and a modal of another user cannot be answered")
  void modalSubmit() throws Exception {
    web.connect(base.resolve("/slack/events"));
    // Given the bot opened a confirmation for U01SRE2 with the trigger of their command
    String trigger = slack.issueTrigger("U01SRE2");
    HttpResponse<String> opened =
        http.send(
            HttpRequest.newBuilder(slack.apiUrl().resolve("views.open"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + slack.botToken())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"trigger_id\":\""
                            + trigger
                            + "\",\"view\":{\"type\":\"modal\",\"callback_id\":\"shipmate.confirm\","
                            + "\"private_metadata\":\"{}\",\"notify_on_close\":true,"
                            + "\"title\":{\"type\":\"plain_text\",\"text\":\"Confirm\"},"
                            + "\"submit\":{\"type\":\"plain_text\",\"text\":\"Deploy\"},"
                            + "\"close\":{\"type\":\"plain_text\",\"text\":\"Cancel\"},"
                            + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                            + "\"text\":\"*Deploy web v1.2 to prod?*\"}}]}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id = JSON.readTree(opened.body()).path("view").path("id").asText();
    assertThat(id).as(opened.body()).startsWith("V");

    // Then the page's state shows it, for its user
    JsonNode views = JSON.readTree(get("/web/state").body()).get("views");
    assertThat(views).hasSize(1);
    assertThat(views.get(0).get("user").asText()).isEqualTo("U01SRE2");
    assertThat(views.get(0).get("view").toString()).contains("Deploy web v1.2 to prod?");

    // When someone else answers it, nothing is sent
    assertThat(
            post("/web/view", "{\"user\":\"U02BE1\",\"id\":\"" + id + "\",\"answer\":\"submit\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(delivered).isEmpty();

    // When its user presses Submit
    HttpResponse<String> answer =
        post("/web/view", "{\"user\":\"U01SRE2\",\"id\":\"" + id + "\",\"answer\":\"submit\"}");

    // Then the bot got a signed view_submission of that view, and the modal is closed
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode payload = JSON.readTree(delivered.get(0).form().get("payload"));
    assertThat(payload.get("type").asText()).isEqualTo("view_submission");
    assertThat(payload.get("user").get("id").asText()).isEqualTo("U01SRE2");
    assertThat(payload.get("view").get("id").asText()).isEqualTo(id);
    assertThat(payload.get("view").get("callback_id").asText()).isEqualTo("shipmate.confirm");
    assertThat(delivered.get(0).signature())
        .isEqualTo(
            SlackClientSimulator.sign(
                SimulatedSlack.DEFAULT_SIGNING_SECRET,
                delivered.get(0).timestamp(),
                delivered.get(0).body()));
    assertThat(JSON.readTree(get("/web/state").body()).get("views")).isEmpty();
  }

  @Test
  @DisplayName("a click on a button of a message is a signed block_actions payload")
  void buttonClick() throws Exception {
    web.connect(base.resolve("/slack/events"));
    SlackMessage card = slack.addMessage("C0DEPLOYS", "Deploy web v1.2 to staging: succeeded");

    HttpResponse<String> answer =
        post(
            "/web/action",
            "{\"user\":\"U02BE1\",\"channel\":\"C0DEPLOYS\",\"ts\":\""
                + card.ts()
                + "\",\"actionId\":\"run.rollback\",\"value\":\"d-abcd\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode payload = JSON.readTree(delivered.get(0).form().get("payload"));
    assertThat(payload.get("type").asText()).isEqualTo("block_actions");
    assertThat(payload.at("/user/id").asText()).isEqualTo("U02BE1");
    assertThat(payload.at("/container/message_ts").asText()).isEqualTo(card.ts());
    assertThat(payload.at("/actions/0/action_id").asText()).isEqualTo("run.rollback");
    assertThat(payload.at("/actions/0/value").asText()).isEqualTo("d-abcd");
  }

  @Test
  @DisplayName(
      "what Slack would not send is refused with what to type instead; nothing reaches the bot")
  void badInput() throws Exception {
    HttpResponse<String> early =
        post("/web/command", "{\"user\":\"U02BE1\",\"channel\":\"C0DEPLOYS\",\"text\":\"/runs\"}");
    assertThat(early.statusCode()).isEqualTo(503);
    assertThat(early.body()).contains("The bot is still starting: try again in a moment.");
    web.connect(base.resolve("/slack/events"));

    assertRefused(
        post("/web/command", "{\"user\":\"bob\",\"channel\":\"C0DEPLOYS\",\"text\":\"/runs\"}"),
        "`user` must be a Slack user id, like U01SRE2.");
    assertRefused(
        post(
            "/web/command",
            "{\"user\":\"U02BE1\",\"channel\":\"C0DEPLOYS\",\"text\":\"deploy web v1.2\"}"),
        "Type a slash command, like /deploy web v1.2 staging or /shipmate help.");
    assertRefused(
        post("/web/command", "{\"user\":\"U02BE1\",\"channel\":\"C0NOPE\",\"text\":\"/runs\"}"),
        "No channel C0NOPE in the sandbox's Slack.");
    assertRefused(
        post(
            "/web/action",
            "{\"user\":\"U02BE1\",\"channel\":\"C0DEPLOYS\",\"ts\":\"1.000100\",\"actionId\":\"x\"}"),
        "No message 1.000100 with that button in C0DEPLOYS.");
    assertRefused(post("/web/command", "not json"), "The body must be JSON.");
    assertThat(delivered).isEmpty();
  }

  @Test
  @DisplayName(
      "the event stream starts with the state, then each message as it is posted or updated")
  void events() throws Exception {
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(base.resolve("/web/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("event: state");
    assertThat(lines.readLine()).startsWith("data: {").contains("\"channels\":[\"C0DEPLOYS\"]");
    assertThat(lines.readLine()).isEmpty();

    SlackMessage posted = slack.addMessage("C0DEPLOYS", "Deploy web v1.2 to staging: running");

    assertThat(lines.readLine()).isEqualTo("event: message");
    JsonNode message = JSON.readTree(lines.readLine().substring("data: ".length()));
    assertThat(message.get("ts").asText()).isEqualTo(posted.ts());
    assertThat(message.get("edits").asInt()).isZero();

    // When the web view closes, the stream ends, so that the server's stop need not wait for it
    CompletableFuture<Void> ended =
        CompletableFuture.runAsync(
            () -> {
              try {
                while (lines.readLine() != null) {
                  // the rest of the stream
                }
              } catch (IOException closed) {
                // ended too
              }
            });
    web.close();
    ended.get(10, TimeUnit.SECONDS);
  }

  private static void assertRefused(HttpResponse<String> response, String message)
      throws IOException {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(message);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The bot's {@code /slack/events} as far as these tests need: it records and acks. */
  private final class RecordingBot extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = new java.util.LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int equals = pair.indexOf('=');
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
      delivered.add(
          new Delivery(
              form,
              request.getHeader("X-Slack-Request-Timestamp"),
              request.getHeader("X-Slack-Signature"),
              body));
      response.setContentType("application/json");
      response
          .getWriter()
          .write(form.containsKey("command") ? "{\"text\":\"Started d-abcd\"}" : "");
    }
  }
}
