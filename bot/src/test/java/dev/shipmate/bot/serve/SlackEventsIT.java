package dev.shipmate.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.commands.Catalog;
import dev.shipmate.commands.CommandGrammar;
import dev.shipmate.commands.HelpText;
import dev.shipmate.commands.ParseResult;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the running bot over HTTP the way Slack does, with a stand-in for the Slack Web API. */
class SlackEventsIT {

  @TempDir static Path folder;

  private static SimulatedSlack slackApi;
  private static Bot bot;
  private static ShipmateConfig config;
  private static CommandGrammar grammar;
  private static URI events;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBot() throws Exception {
    slackApi = ExampleConfig.slack();
    config = ExampleConfig.load(folder);
    // Invited to the configured channels, as the world's workspace is: cards' threads need it.
    config.slack().channel().ifPresent(slackApi::addBotTo);
    config.environments().values().forEach(e -> e.channel().ifPresent(slackApi::addBotTo));
    grammar = new CommandGrammar(Catalog.of(config));
    ProcessSettings settings =
        ProcessSettings.from(Map.of("PORT", "0", "SLACK_API_URL", slackApi.apiUrl().toString()));
    // Bolt's own verifier reads the system clock, so the bot gets the same one here.
    bot = Bot.start(config, settings, Clock.systemUTC());
    events = bot.localUri().resolve("/slack/events");
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (bot != null) {
      bot.close();
    }
    if (slackApi != null) {
      slackApi.close();
    }
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(SlashCommandPost command) throws Exception {
    return send(command.signedWith(ExampleConfig.SIGNING_SECRET, events));
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static String deployText() {
    String service = config.services().keySet().iterator().next();
    String environment = config.environments().keySet().iterator().next();
    return service + " v1.2.3 " + environment;
  }

  @Test
  @DisplayName("a valid signed /deploy is answered at once, ephemerally, with the run it started")
  void understoodCommandIsEchoed() throws Exception {
    // Given a signed /deploy that names a service and an environment of the configuration
    SlashCommandPost deploy = SlashCommandPost.of("/deploy", deployText());
    ParseResult.Parsed expected = (ParseResult.Parsed) grammar.parse("/deploy", deployText());

    // When Slack posts it
    HttpResponse<String> response = post(deploy);

    // Then the bot answers at once, only to the user, naming the run and where to follow it
    assertThat(expected.command()).isNotNull();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response);
    assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(body.get("text").getAsString())
        .matches("Started d-[a-z0-9]{4}: deploy .+ — its card is being posted in <#C[A-Z0-9]+>\\.");
  }

  @Test
  @DisplayName("a command the grammar rejects is answered with the reason and the usage")
  void rejectedCommandIsExplained() throws Exception {
    // Given a /deploy of a service that does not exist
    String text = "no-such-service v1 " + config.environments().keySet().iterator().next();
    ParseResult result = grammar.parse("/deploy", text);
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);

    // When Slack posts it
    HttpResponse<String> response = post(SlashCommandPost.of("/deploy", text));

    // Then the user alone sees why, and what to type instead
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response);
    assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(body.get("text").getAsString()).isEqualTo(((ParseResult.Rejected) result).render());
  }

  @Test
  @DisplayName("/shipmate help answers with the help for every command")
  void helpIsAnswered() throws Exception {
    HttpResponse<String> response = post(SlashCommandPost.of("/shipmate", "help"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response);
    assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(body.get("text").getAsString()).isEqualTo(HelpText.all());
  }

  @Test
  @DisplayName("every slash command of the grammar is routed to Shipmate and answered ephemerally")
  void everyCommandIsRegistered() throws Exception {
    for (String command : CommandGrammar.SLASH_COMMANDS) {
      HttpResponse<String> response = post(SlashCommandPost.of(command, ""));

      assertThat(response.statusCode()).as(command).isEqualTo(200);
      JsonObject body = json(response);
      assertThat(body.get("response_type").getAsString()).as(command).isEqualTo("ephemeral");
      assertThat(body.get("text").getAsString()).as(command).isNotBlank();
    }
  }

  @Test
  @DisplayName("a request signed with another secret gets 401")
  void badSignatureIsRefused() throws Exception {
    HttpRequest forged = SlashCommandPost.of("/deploy", deployText()).signedWith("guess", events);

    HttpResponse<String> response = send(forged);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a signed request stamped 6 minutes ago gets 401: it may be a replay")
  void staleTimestampIsRefused() throws Exception {
    SlashCommandPost old =
        SlashCommandPost.of("/deploy", deployText())
            .stampedAt(Instant.now().minus(Duration.ofMinutes(6)));

    HttpResponse<String> response = post(old);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a signed request stamped 6 minutes ahead gets 401, and Slack's API is not called")
  void futureTimestampIsRefused() throws Exception {
    // Given a correctly signed command stamped six minutes from now
    SlashCommandPost ahead =
        SlashCommandPost.of("/deploy", deployText())
            .stampedAt(Instant.now().plus(Duration.ofMinutes(6)));
    List<SlackCall> callsBefore = slackApi.calls();

    // When Slack (or someone replaying it) posts it
    HttpResponse<String> response = post(ahead);

    // Then it is refused before Bolt sees it
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("nothing was started");
    // What other tests set going may still reach Slack meanwhile (the bare /drift of
    // everyCommandIsRegistered posts its failure to fetch the example's repository when the fetch
    // gives up): only drift's own posts may come, nothing of this command.
    List<SlackCall> now = slackApi.calls();
    assertThat(now.subList(callsBefore.size(), now.size()))
        .filteredOn(call -> !String.valueOf(call.params().get("text")).contains("drift report"))
        .isEmpty();
  }

  @Test
  @DisplayName("GET /healthz answers 200 ok")
  void health() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(bot.localUri().resolve("/healthz")).GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  @DisplayName("the Slack app checked its token against the configured Web API")
  void authTestWentToTheStandIn() {
    assertThat(slackApi.calls()).extracting(SlackCall::method).contains("auth.test");
  }
}
