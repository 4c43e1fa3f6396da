package dev.shipmate.bot.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.testing.ChildShipmate;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.TestPostgres;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.JournalEntry;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackMessage;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code shipmate serve} processes on one PostgreSQL, as the ha-postgres overlay runs them:
 * deploys asked of either, one replica killed while they roll out, and the other finishes every run
 * exactly once and keeps each card current, on the simulated world (real time) with its Slack.
 */
class TwoReplicasIT {

  private static final String CHANNEL = "C0DEPLOYS";
  private static final String BACKEND = "U02BE1";
  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4}): ");
  private static final List<String> SERVICES = List.of("web", "api", "worker");

  @TempDir Path folder;

  private SimulatedWorld world;
  private final List<Process> replicas = new ArrayList<>();
  private Database database;

  @AfterEach
  void stop() throws InterruptedException {
    for (Process replica : replicas) {
      replica.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  @DisplayName(
      "a replica killed mid-rollout: the other finishes every run once, and every card ends"
          + " `succeeded`")
  void failOver() throws Exception {
    String databaseUrl = TestPostgres.newDatabase();
    Path configFile = writeConfig();
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", SimulatedSlack.DEFAULT_BOT_TOKEN);
    env.put("SLACK_SIGNING_SECRET", SimulatedSlack.DEFAULT_SIGNING_SECRET);
    env.put("SHIPMATE_DB_URL", databaseUrl);
    ShipmateConfig config = ConfigFiles.load(configFile, env).orThrow();
    world =
        SimulatedWorld.start(config, WorldSettings.in(folder.resolve("world")).withRealTime(true));
    env.putAll(world.environment());
    env.put("SHIPMATE_CONFIG", configFile.toString());
    env.put("PORT", "0");
    env.put("LOG_FORMAT", "json");

    // Given two replicas on one database (the first migrates it, so they start one after the other)
    Replica a = start("a", env);
    Replica b = start("b", env);
    database = Database.open(new StoreSettings(databaseUrl, Optional.empty(), Optional.empty()), 2);
    RunStore runs = new RunStore(database.dataSource());

    // When deploys are asked of both
    List<RunId> ids = new ArrayList<>();
    for (int i = 0; i < SERVICES.size(); i++) {
      String answer = (i % 2 == 0 ? a : b).deploy(SERVICES.get(i) + " v1.1 staging");
      Matcher started = STARTED.matcher(answer);
      assertThat(started.find()).as("ack: %s", answer).isTrue();
      ids.add(new RunId(started.group(1)));
    }

    // And the first replica is killed while every run watches its rollout
    Await.until(
        "every run to watch its rollout",
        () ->
            ids.stream()
                .map(id -> runs.find(id).orElseThrow())
                .allMatch(
                    run ->
                        run.status() == RunStatus.RUNNING
                            && run.currentStep().equals(Optional.of("watch-rollout"))));
    Await.until("every card to be posted", () -> world.slack().topLevel(CHANNEL).size() == 3);
    replicas.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(ids).allMatch(id -> runs.find(id).orElseThrow().isActive());

    // Then the other replica finishes every run, once
    Await.until(
        "every run to finish on the replica that is left",
        () -> ids.stream().allMatch(id -> !runs.find(id).orElseThrow().isActive()));
    for (RunId id : ids) {
      Run run = runs.find(id).orElseThrow();
      assertThat(run.status()).as("%s", id).isEqualTo(RunStatus.SUCCEEDED);
      List<String> types = runs.journal(id).stream().map(JournalEntry::type).toList();
      assertThat(types).as("%s journal", id).containsOnlyOnce("RunStarted", "RunFinished");
    }
    for (String service : SERVICES) {
      assertThat(image(service)).isEqualTo("registry.example.com/acme/" + service + ":v1.1");
    }

    // And every run has one card, kept current after the fail-over, its thread naming the outcome
    List<SlackMessage> cards = world.slack().topLevel(CHANNEL);
    assertThat(cards).hasSize(3);
    for (SlackMessage card : cards) {
      Await.until(
          "card " + card.ts() + " to show the run succeeded",
          () -> cardText(card).toLowerCase(Locale.ROOT).contains("succeeded"));
      Await.until(
          "the thread of card " + card.ts() + " to end with the outcome",
          () -> lastReply(card).contains("succeeded"));
    }
    assertThat(
            ids.stream()
                .map(id -> runs.find(id).orElseThrow().replyTo().orElseThrow().thread())
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            cards.stream().map(card -> Optional.of(card.ts())).toList());

    // And the replica that is left logged, as JSON, the runs it took over
    List<JsonNode> lines = jsonLines(folder.resolve("b.log"));
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(ids.stream().map(RunId::value))
                    .contains(line.path("mdc").path("run_id").asText()));
  }

  /** One {@code serve} process, and Slack posting to it. */
  private record Replica(String name, SlackClientSimulator slack) {
    String deploy(String text) {
      // Slack's trigger ids are unique per workspace; each simulator counts from 1, so the
      // replica's name keeps them apart (the replicas share their record of requests seen).
      String body =
          slack
              .slashCommandBody(CHANNEL, BACKEND, "/deploy", text)
              .replace("trigger_id=", "trigger_id=" + name);
      return slack.send(body, null).body();
    }
  }

  private Replica start(String name, Map<String, String> env) throws Exception {
    Path log = folder.resolve(name + ".log");
    Process process = ChildShipmate.builder(log, env, "serve").start();
    replicas.add(process);
    int port = ChildShipmate.awaitPort(process, log);
    return new Replica(
        name,
        new SlackClientSimulator(
            URI.create("http://127.0.0.1:" + port + "/slack/events"), world.slack()));
  }

  /** The example configuration, with two more services, beside a copy of its preview manifests. */
  private Path writeConfig() throws IOException {
    Path examples = ExampleConfig.FILE.getParent();
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path source : files.toList()) {
        Path target = folder.resolve("config").resolve(examples.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    Path file = folder.resolve("config/shipmate.yaml");
    StringBuilder services = new StringBuilder("services:\n");
    for (String service : SERVICES.subList(1, SERVICES.size())) {
      services
          .append("  ")
          .append(service)
          .append(":\n    image: registry.example.com/acme/")
          .append(service)
          .append("\n    deployments: [")
          .append(service)
          .append("]\n    container: ")
          .append(service)
          .append('\n');
    }
    String yaml = Files.readString(file);
    assertThat(yaml).containsOnlyOnce("\nservices:\n");
    Files.writeString(file, yaml.replace("\nservices:\n", "\n" + services));
    return file;
  }

  private String image(String service) {
    return world
        .cluster("dev")
        .client()
        .apps()
        .deployments()
        .inNamespace("staging")
        .withName(service)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private String cardText(SlackMessage card) {
    return world
        .slack()
        .message(CHANNEL, card.ts())
        .map(m -> m.text() + " " + m.blocks())
        .orElse("");
  }

  private String lastReply(SlackMessage card) {
    List<SlackMessage> replies =
        world.slack().thread(CHANNEL, card.ts()).stream().filter(SlackMessage::isReply).toList();
    return replies.isEmpty() ? "" : replies.get(replies.size() - 1).text();
  }

  private static List<JsonNode> jsonLines(Path log) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("{")) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }
}
