package dev.shipmate.bot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.bot.e2e.E2eWorld;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.github.WebhookSignature;
import dev.shipmate.sandbox.slack.SlackClientSimulator;
import dev.shipmate.sandbox.slack.SlackClientSimulator.BotResponse;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz suite: random and mutated inputs, signed as Slack and GitHub sign them, through the real
 * HTTP entry points of the whole bot (every slice, on the simulated world). Whatever comes in, the
 * bot answers without a 5xx, and an input it refuses starts no run.
 *
 * <p>{@code mvn verify} runs a few hundred tries per entry point ({@code jqwik.tries.default} in
 * {@code src/test/resources/junit-platform.properties}); {@code -Pfuzz} runs 100,000 each and
 * prints the counts (docs/security.md).
 */
class EntryPointsFuzzIT {

  private static final String WEBHOOK_SECRET = "fuzz-webhook-secret";

  /** {@code Started d-4k2p} in an ack or an answer; {@code started p-7x2q} from the webhook. */
  private static final Pattern STARTED = Pattern.compile("[Ss]tarted ([a-z]-[0-9a-z]{4})");

  /** The run ids some answer announced as started. */
  private static final Set<String> announced = ConcurrentHashMap.newKeySet();

  private static int ephemeralsRead;
  private static final String CHANNEL = "C0DEPLOYS";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static Path folder;
  private static E2eWorld e2e;
  private static SlackClientSimulator slack;
  private static final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  @BeforeContainer
  static void start() throws Exception {
    folder = Files.createTempDirectory("shipmate-fuzz");
    Path manifests = ExampleConfig.FILE.getParent().resolve("previews/web").toAbsolutePath();
    e2e =
        E2eWorld.onExampleConfig(
                example -> example.replace("manifests: previews/web", "manifests: " + manifests))
            .gitHub(WEBHOOK_SECRET)
            .start(folder);
    slack = e2e.client();
  }

  @AfterContainer
  static void stop() {
    System.out.println("fuzz counts (entry point, answer: inputs): " + new TreeMap<>(counts));
    if (e2e != null) {
      e2e.close();
    }
  }

  // --- slash commands ---------------------------------------------------------------------

  @Property
  void slashCommands(
      @ForAll("commands") String command,
      @ForAll("slashTexts") String text,
      @ForAll("users") String user) {
    BotResponse answer = slack.send(slack.slashCommandBody(CHANNEL, user, command, text), null);

    count("slash", answer.status());
    assertThat(answer.status()).as("status for %s %s", command, text).isLessThan(500);
    announce(answer.body());
    everyRunAnnounced(command + " " + text + ": " + answer.body());
  }

  /**
   * Every run in the store was answered "Started <id>" to whoever asked: in the ack, or in the
   * answer that follows it (an {@code /env up} decides after the ack, so its run may appear a
   * moment before that answer does). A run no answer announced was started by an input that was not
   * accepted.
   */
  private static void everyRunAnnounced(String input) {
    if (announced.containsAll(runIds())) {
      return;
    }
    Await.until(
        "every run to be announced as started, after " + input,
        () -> {
          List<dev.shipmate.sandbox.slack.SlackEphemeral> told = e2e.slack().ephemerals();
          for (int i = ephemeralsRead; i < told.size(); i++) {
            announce(told.get(i).text());
          }
          ephemeralsRead = told.size();
          return announced.containsAll(runIds());
        });
  }

  private static void announce(String text) {
    Matcher started = STARTED.matcher(text);
    while (started.find()) {
      announced.add(started.group(1));
    }
  }

  private static List<String> runIds() {
    List<String> ids = new ArrayList<>();
    try (Connection c = e2e.bot().engine().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM runs")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  @Provide
  Arbitrary<String> commands() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "/deploy",
            "/rollback",
            "/whats-deployed",
            "/env",
            "/cutover",
            "/upgrade",
            "/drift",
            "/runs",
            "/cancel",
            "/shipmate"),
        Arbitraries.strings().ofMaxLength(20).map(s -> "/" + s));
  }

  @Provide
  Arbitrary<String> slashTexts() {
    Arbitrary<String> valid =
        Arbitraries.of(
            "web v1.2 prod",
            "web v1.2 staging --dry-run",
            "up pr-7 --ref 3f2a9c1",
            "down pr-7",
            "extend pr-7",
            "list",
            "help",
            "status",
            "d-abcd",
            "web",
            "");
    Arbitrary<String> mutated =
        Combinators.combine(valid, weirdTokens(), Arbitraries.integers().between(0, 3))
            .as(EntryPointsFuzzIT::mutate);
    return Arbitraries.frequencyOf(
        Tuple.of(3, mutated),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(1, hugeValues()));
  }

  // --- block_actions ------------------------------------------------------------------------

  @Property
  void blockActions(
      @ForAll("actionIds") String actionId,
      @ForAll("values") String value,
      @ForAll("users") String user,
      @ForAll("omissions") List<String> omit) {
    long before = runs();
    ObjectNode payload =
        (ObjectNode)
            readJson(
                decodePayload(
                    slack.blockActionBody(CHANNEL, user, "1700000000.000100", actionId, value)));
    for (String field : omit) {
      switch (field) {
        case "actions.0" -> payload.withArray("actions").removeAll();
        case "actions.value" -> {
          if (payload.withArray("actions").get(0) instanceof ObjectNode action) {
            action.remove("value");
          }
        }
        case "user.id" -> payload.with("user").remove("id");
        default -> payload.remove(field);
      }
    }
    BotResponse answer =
        slack.send(
            "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), null);

    count("block_actions", answer.status());
    assertThat(answer.status()).as("status for %s", payload).isLessThan(500);
    assertThat(runs()).as("runs after %s", payload).isEqualTo(before);
  }

  // --- view_submission / view_closed (the confirmation modal) --------------------------------

  /**
   * Submissions and closes of a modal whose {@code private_metadata} is anything, or the command of
   * someone other than the submitter: never a 5xx, never a run.
   */
  @Property
  void viewPayloads(
      @ForAll("viewTypes") String type,
      @ForAll("callbackIds") String callbackId,
      @ForAll("metadata") String metadata,
      @ForAll("users") String user,
      @ForAll("viewOmissions") List<String> omit) {
    long before = runs();
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", type);
    payload.putObject("team").put("id", "T0SANDBOX").put("domain", "sandbox");
    payload.putObject("user").put("id", user).put("team_id", "T0SANDBOX");
    payload.put("api_app_id", "A0SHIPMATE");
    payload.put("token", "sandbox-verification-token");
    ObjectNode view = payload.putObject("view");
    view.put("id", "V0FUZZ" + Math.abs(metadata.hashCode() % 1000));
    view.put("type", "modal");
    view.put("callback_id", callbackId);
    view.put("private_metadata", metadata);
    view.putObject("state").putObject("values");
    for (String field : omit) {
      switch (field) {
        case "user.id" -> payload.with("user").remove("id");
        case "view.id" -> view.remove("id");
        case "view.private_metadata" -> view.remove("private_metadata");
        default -> payload.remove(field);
      }
    }
    BotResponse answer =
        slack.send(
            "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), null);

    count(type, answer.status());
    assertThat(answer.status()).as("status for %s", payload).isLessThan(500);
    assertThat(runs()).as("runs after %s", payload).isEqualTo(before);
  }

  @Provide
  Arbitrary<String> viewTypes() {
    return Arbitraries.of("view_submission", "view_closed");
  }

  @Provide
  Arbitrary<String> callbackIds() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("shipmate.confirm")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
  }

  /** The command of a user nobody submits as, or anything at all. */
  @Provide
  Arbitrary<String> metadata() {
    Arbitrary<String> someoneElses =
        Combinators.combine(commands(), slashTexts())
            .as(
                (command, text) -> {
                  ObjectNode json = JSON.createObjectNode();
                  json.put("typed", command + " " + text);
                  json.put("user", "U0SOMEONEELSE");
                  json.put("channel", CHANNEL);
                  return json.toString();
                });
    return Arbitraries.frequencyOf(
        Tuple.of(3, someoneElses),
        Tuple.of(
            1, Arbitraries.of("", "{}", "[]", "null", "{\"typed\":1}", "{\"typed\":\"/deploy\"}")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(1, hugeValues()));
  }

  @Provide
  Arbitrary<List<String>> viewOmissions() {
    return Arbitraries.of("user", "user.id", "view", "view.id", "view.private_metadata", "team")
        .list()
        .ofMaxSize(2);
  }

  @Provide
  Arbitrary<String> actionIds() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "run.approve",
            "run.cancel",
            "run.rollback",
            "run.pause",
            "run.resume",
            "run.abort",
            "run.extend",
            "run.choose.evict",
            "run.choose.force",
            "run.choose.",
            "drift.snooze",
            "drift.ignore",
            "drift.reason.input"),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of("d-abcd", "pr-7", "prod|apps/v1|Deployment|shop/web", "", " ")),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(100)),
        Tuple.of(1, hugeValues()));
  }

  @Provide
  Arbitrary<List<String>> omissions() {
    return Arbitraries.of(
            "user",
            "user.id",
            "actions",
            "actions.0",
            "actions.value",
            "channel",
            "container",
            "team",
            "trigger_id",
            "message")
        .list()
        .uniqueElements()
        .ofMaxSize(4);
  }

  // --- GitHub webhook -----------------------------------------------------------------------

  @Property
  void gitHubWebhooks(@ForAll("events") String event, @ForAll("webhookBodies") String body)
      throws Exception {
    long before = runs();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(e2e.bot().localUri().resolve("/github/webhook"))
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", "fuzz-" + System.nanoTime())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(WEBHOOK_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    count("github", answer.statusCode());
    announce(answer.body());
    assertThat(answer.statusCode()).as("status for %s %s", event, body).isLessThan(500);
    if (!answer.body().startsWith("started") && !answer.body().startsWith("deferred")) {
      assertThat(runs()).as("runs after %s: %s", body, answer.body()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<String> events() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("pull_request")),
        Tuple.of(1, Arbitraries.of("ping", "push", "")),
        Tuple.of(1, Arbitraries.strings().alpha().ofMaxLength(20)));
  }

  @Provide
  Arbitrary<String> webhookBodies() {
    Arbitrary<String> action =
        Arbitraries.oneOf(
            Arbitraries.of("opened", "closed", "synchronize", "reopened", "labeled"),
            Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> repo =
        Arbitraries.oneOf(
            Arbitraries.of("acme/other", "fork/web"), Arbitraries.strings().ofMaxLength(30));
    Arbitrary<String> sha =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(0).ofMaxLength(50),
            Arbitraries.strings().ofMaxLength(60));
    Arbitrary<Object> number =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 100000).map(n -> (Object) n),
            Arbitraries.of("\"12\"", "null", "1e99", "99999999999999999999").map(n -> (Object) n));
    Arbitrary<String> wellFormed =
        Combinators.combine(action, repo, sha, number, Arbitraries.of(true, false))
            .as(
                (a, r, s, n, fork) ->
                    "{\"action\":"
                        + quote(a)
                        + ",\"number\":"
                        + n
                        + ",\"pull_request\":{\"number\":"
                        + n
                        + ",\"merged\":false,\"head\":{\"sha\":"
                        + quote(s)
                        + ",\"repo\":{\"full_name\":"
                        + quote(fork ? "fork/web" : r)
                        + "}}},\"repository\":{\"full_name\":"
                        + quote(r)
                        + "},\"sender\":{\"login\":\"fuzz\"}}");
    Arbitrary<String> truncated =
        Combinators.combine(wellFormed, Arbitraries.integers().between(0, 400))
            .as((b, cut) -> b.substring(0, Math.min(cut, b.length())));
    return Arbitraries.frequencyOf(
        Tuple.of(4, wellFormed),
        Tuple.of(2, truncated),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
        Tuple.of(
            1, Arbitraries.of("{}", "[]", "null", "{\"pull_request\":null}", "{\"action\":1}")));
  }

  // --- the pieces ---------------------------------------------------------------------------

  @Provide
  Arbitrary<String> users() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("U02BE1", "U01SRE1", "U09NOBODY")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
  }

  private static Arbitrary<String> weirdTokens() {
    return Arbitraries.of(
        "--ref",
        "--dry-run",
        "--force",
        "--ref=3f2a9c1",
        "prod",
        "pr-0",
        "pr--1",
        "pr-99999999999",
        "v1\u2028image: evil",
        "tag\nprivileged: true",
        "\u0085",
        "<!channel>",
        "`",
        "*",
        "\"",
        "%",
        "\u0000",
        "ü",
        "🚀");
  }

  private static String mutate(String valid, String token, int where) {
    String[] words = valid.isEmpty() ? new String[0] : valid.split(" ");
    return switch (where) {
      case 0 -> token + " " + valid;
      case 1 -> valid + " " + token;
      case 2 -> words.length == 0 ? token : valid.replace(words[words.length - 1], token);
      default -> valid + valid;
    };
  }

  private static Arbitrary<String> hugeValues() {
    return Arbitraries.integers()
        .between(2_900, 6_000)
        .map(n -> "x".repeat(n))
        .edgeCases(edges -> edges.includeOnly("x".repeat(3000)));
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decodePayload(String form) {
    return java.net.URLDecoder.decode(
        form.substring(form.indexOf("payload=") + "payload=".length()), StandardCharsets.UTF_8);
  }

  private static void count(String entryPoint, int status) {
    counts.computeIfAbsent(entryPoint + " " + status, k -> new AtomicLong()).incrementAndGet();
  }

  /** Every run the engine has journaled, finished or not. */
  private static long runs() {
    try (Connection c = e2e.bot().engine().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM runs")) {
      r.next();
      return r.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
