package dev.shipmate.bot.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.SlackUserGroups;
import dev.shipmate.bot.dispatch.AuditLog;
import dev.shipmate.bot.dispatch.ButtonDispatcher;
import dev.shipmate.bot.dispatch.ButtonHandlers;
import dev.shipmate.bot.dispatch.Click;
import dev.shipmate.bot.dispatch.ClickReply;
import dev.shipmate.bot.dispatch.FollowUps;
import dev.shipmate.bot.dispatch.PrivateReplies;
import dev.shipmate.bot.metrics.ShipmateMetrics;
import dev.shipmate.bot.slack.SlackApp;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.LockKey;
import dev.shipmate.engine.testing.Await;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.Fabric8LiveObjects;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import dev.shipmate.sandbox.slack.SlackFile;
import dev.shipmate.sandbox.slack.SlackMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Drift reports from a local git repository, a simulated cluster and the Route53 stand-in to the
 * Slack stand-in: the message, the file in its thread, the schedule, the ages and the buttons.
 */
class DriftReportsIT {
  private static final String CHANNEL = "C0DRIFT";
  private static final String ZONE = "Z0EXAMPLE";

  /** A cron that never fires while the tests run: they make reports themselves. */
  private static final String NEVER = "0 0 9 1 1 ? 2099";

  private static final String EVERY_SECOND = "* * * * * ?";

  private static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: prod }
      spec:
        replicas: 2
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                image: registry.example.com/acme/web:1.2
      """;
  private static final String WEIGHTS =
      """
      apiVersion: shipmate.dev/v1
      kind: CutoverWeights
      metadata: { name: www }
      spec: { blue: 100, green: 0 }
      """;

  @TempDir Path folder;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final ObjectMapper json = new ObjectMapper();
  private DriftGitRepository repository;
  private SimulatedCluster cluster;
  private KubernetesClient client;
  private SimulatedAws aws;
  private Route53Client route53;
  private SimulatedSlack slack;
  private Slack slackClient;
  private ExecutorService replies;
  private DriftWiring wiring;
  private Engine engine;
  private ShipmateConfig config;
  private final ShipmateMetrics metrics = ShipmateMetrics.create(List.of("prod-eu"));

  @BeforeEach
  void start() {
    repository = new DriftGitRepository(folder);
    repository.push(
        "desired state",
        Map.of("clusters/prod-eu/web.yaml", WEB, "clusters/prod-eu/dns.yaml", WEIGHTS));
    cluster = SimulatedCluster.start();
    client = cluster.client();
    cluster.ensureNamespace("prod");
    List<HasMetadata> objects =
        client.load(new ByteArrayInputStream(WEB.getBytes(StandardCharsets.UTF_8))).items();
    objects.forEach(o -> client.resource(o).create());

    aws = SimulatedAws.start(SimulationClock.startingAt(clock.instant()));
    aws.route53().createHostedZone(ZONE, "example.com");
    aws.route53()
        .putWeightedRecord(ZONE, "www.example.com.", "CNAME", "blue", 100, 60, "blue.example.com");
    aws.route53()
        .putWeightedRecord(ZONE, "www.example.com.", "CNAME", "green", 0, 60, "green.example.com");
    route53 =
        Route53Client.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        SimulatedAws.ACCESS_KEY_ID, SimulatedAws.SECRET_ACCESS_KEY)))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();

    slack = SimulatedSlack.start(clock);
    slack.addBotTo(CHANNEL);
    slack.addBotTo("C0OPS");
    slackClient = SlackApp.client(slack.apiUrl());
    replies = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() throws Exception {
    if (wiring != null) {
      wiring.close();
    }
    if (engine != null) {
      engine.close();
    }
    replies.shutdownNow();
    slack.close();
    route53.close();
    aws.close();
    cluster.close();
    repository.close();
  }

  private DriftWiring wire(String schedule) throws Exception {
    String yaml =
        """
        slack: { botToken: TOKEN, signingSecret: SECRET }
        store: { url: "URL" }
        clusters:
          prod-eu: { context: prod-eu, operators: [U01OPS1, U01OPS2] }
        cutovers:
          www:
            zone: Z0EXAMPLE
            record: www.example.com.
            type: CNAME
            blue: blue
            green: green
            health: { url: "https://green.example.com/healthz" }
        drift:
          schedule: "SCHEDULE"
          channel: C0DRIFT
          source: { git: "GIT", branch: main, path: "clusters/{cluster}" }
        """
            .replace("TOKEN", slack.botToken())
            .replace("SECRET", slack.signingSecret())
            .replace("URL", "jdbc:h2:file:" + folder.resolve("db/shipmate").toAbsolutePath())
            .replace("SCHEDULE", schedule)
            .replace("GIT", repository.bare.toString());
    config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml").orThrow();
    DriftWorld world =
        new DriftWorld(
            name -> new Fabric8LiveObjects(client), new AwsRoute53Gateway(route53), () -> {});
    engine =
        Engine.open(
            config.store(), PipelineRegistry.of(List.of()), EngineSettings.defaults(), List.of());
    engine.start();
    wiring =
        DriftWiring.start(
                config,
                engine,
                () -> world,
                slackClient,
                slack.botToken(),
                clock,
                new DriftGauges(metrics),
                replies)
            .orElseThrow();
    return wiring;
  }

  private void scaleWebTo(int replicas) {
    client.apps().deployments().inNamespace("prod").withName("web").scale(replicas);
  }

  private List<SlackMessage> reports() {
    return slack.topLevel(CHANNEL);
  }

  private List<SlackFile> files(SlackMessage message) {
    return slack.thread(message.channel(), message.ts()).stream()
        .flatMap(m -> m.fileIds().stream())
        .map(id -> slack.file(id).orElseThrow())
        .toList();
  }

  private static String content(SlackFile file) {
    return new String(file.content(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName(
      "the scheduled report reaches the channel: counts, top change, and the diff as a file")
  void scheduled() throws Exception {
    scaleWebTo(5);
    aws.route53()
        .putWeightedRecord(ZONE, "www.example.com.", "CNAME", "blue", 75, 60, "blue.example.com");
    aws.route53()
        .putWeightedRecord(ZONE, "www.example.com.", "CNAME", "green", 25, 60, "green.example.com");

    wire(EVERY_SECOND);
    Await.until("a scheduled drift report in " + CHANNEL, () -> !reports().isEmpty());
    engine.stop();
    wiring.close();
    wiring = null;

    SlackMessage report = reports().get(0);
    assertThat(report.text())
        .isEqualTo("Drift report for prod-eu and Route53: 2 drifts (2 new, 0 persisting).");
    assertThat(metrics.scrape()).contains("shipmate_drift_objects{cluster=\"prod-eu\"} 1.0");
    assertThat(report.blocks().toString())
        .contains("*prod-eu* · `prod`: 1 changed")
        .contains("*route53*: 1 weights")
        .contains("Deployment prod/web: spec.replicas: 2 → 5")
        .contains("cutover www: weights blue/green 100/0 in git, 75/25 live")
        .contains(DriftActions.SNOOZE)
        .contains(DriftActions.IGNORE);
    Await.until("the diff in the report's thread", () -> !files(report).isEmpty());
    SlackFile diff = files(report).get(0);
    assertThat(diff.filename()).isEqualTo("drift-2026-11-23T0900Z.txt");
    assertThat(content(diff))
        .contains("== prod-eu ==")
        .contains("CHANGED  Deployment prod/web")
        .contains("    spec.replicas\n      git:  2\n      live: 5")
        .contains("WEIGHTS  cutover www");
  }

  @Test
  @DisplayName("no drift is said in one line, with no file")
  void noDrift() throws Exception {
    assertThat(metrics.scrape()).contains("shipmate_drift_objects{cluster=\"prod-eu\"} NaN");
    wire(NEVER).reports().scheduled();

    assertThat(metrics.scrape()).contains("shipmate_drift_objects{cluster=\"prod-eu\"} 0.0");
    assertThat(reports())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.text()).startsWith("No drift: prod-eu and Route53 match git (main@");
              assertThat(files(m)).isEmpty();
            });
  }

  @Test
  @DisplayName("a drift seen again is reported as persisting, with its age")
  void ages() throws Exception {
    scaleWebTo(5);
    wire(NEVER).reports().scheduled();
    clock.advance(Duration.ofDays(1));
    wiring.reports().scheduled();

    List<SlackMessage> two = reports();
    assertThat(two).hasSize(2);
    assertThat(two.get(0).text()).contains("1 drift (1 new, 0 persisting)");
    assertThat(two.get(1).text()).contains("1 drift (0 new, 1 persisting)");
    assertThat(two.get(1).blocks().toString()).contains(":hourglass: for 1d0h");
  }

  @Test
  @DisplayName("/drift <cluster> is answered at once and the report follows in a thread")
  void onDemand() throws Exception {
    scaleWebTo(5);
    String answer = wire(NEVER).reports().requested(Optional.of("prod-eu"), "C0OPS", "U1");

    assertThat(answer)
        .isEqualTo(
            "Comparing cluster prod-eu with git: the report follows in a thread of this channel.");
    Await.until(
        "the report in the thread",
        () ->
            !slack.topLevel("C0OPS").isEmpty()
                && slack.thread("C0OPS", slack.topLevel("C0OPS").get(0).ts()).size() >= 2);
    SlackMessage head = slack.topLevel("C0OPS").get(0);
    assertThat(head.text())
        .isEqualTo("<@U1> asked for a drift report of cluster prod-eu: see the thread.");
    List<SlackMessage> thread = slack.thread("C0OPS", head.ts());
    assertThat(thread.get(1).text())
        .isEqualTo("Drift report for prod-eu: 1 drift (1 new, 0 persisting).");
    Await.until("the diff in the thread", () -> !files(head).isEmpty());
    assertThat(reports()).as("nothing in the scheduled channel").isEmpty();
  }

  @Test
  @DisplayName("/drift for a cluster drift does not cover checks nothing and says which it covers")
  void unknownCluster() throws Exception {
    String answer = wire(NEVER).reports().requested(Optional.of("dev"), "C0OPS", "U1");
    assertThat(answer)
        .isEqualTo(
            "Drift reports do not cover a cluster named 'dev' (they cover: prod-eu), so nothing was"
                + " checked. Type `/drift` for all of them, or add it to drift.clusters.");
    assertThat(slack.topLevel("C0OPS")).isEmpty();
  }

  @Test
  @DisplayName("Snooze needs a reason; snoozed drift leaves the list and is counted; Ignore too")
  void buttons() throws Exception {
    scaleWebTo(5);
    wire(NEVER).reports().scheduled();
    SlackMessage report = reports().get(0);
    String key = "prod-eu|changed|apps/Deployment/prod/web";
    DriftButtons snooze = wiring.button(Decision.Kind.SNOOZED, config, authorizer());

    ClickReply withoutReason = snooze.handle(click(report, DriftActions.SNOOZE, key, ""));
    assertThat(withoutReason).isInstanceOf(ClickReply.Refused.class);
    assertThat(((ClickReply.Refused) withoutReason).text())
        .startsWith("Nothing was snoozed: type a reason");

    ClickReply hugeKey = snooze.handle(click(report, DriftActions.SNOOZE, "x".repeat(3000), "r"));
    assertThat(hugeKey).isInstanceOf(ClickReply.Refused.class);
    assertThat(((ClickReply.Refused) hugeKey).text()).contains("longer than 600 characters");
    ClickReply hugeReason = snooze.handle(click(report, DriftActions.SNOOZE, key, "y".repeat(501)));
    assertThat(((ClickReply.Refused) hugeReason).text())
        .isEqualTo(
            "Nothing was recorded: the reason is 501 characters long; shorten it to 500 or fewer"
                + " and press the button again.");

    ClickReply withReason =
        snooze.handle(click(report, DriftActions.SNOOZE, key, "autoscaler experiment"));
    assertThat(withReason).isInstanceOf(ClickReply.Posted.class);
    assertThat(((ClickReply.Posted) withReason).text())
        .isEqualTo(
            "<@U01OPS1> snoozed for 7 days `"
                + key
                + "`: autoscaler experiment. Nothing was changed in"
                + " git; later reports count it as snoozed until then.");

    wiring.reports().scheduled();
    assertThat(reports().get(1).text())
        .isEqualTo(
            "Drift report for prod-eu and Route53: 0 drifts (0 new, 0 persisting) · 1 snoozed.");
    clock.advance(Duration.ofDays(8));
    wiring.reports().scheduled();
    assertThat(reports().get(2).text()).contains("1 drift (0 new, 1 persisting)");
  }

  @Test
  @DisplayName(
      "a stranger's Ignore is refused and audited; the operators' decisions are kept in turn, each"
          + " with its author, and audited under drift:prod-eu")
  void decisionsNeedOperatorsAndAreKept() throws Exception {
    scaleWebTo(5);
    wire(NEVER).reports().scheduled();
    SlackMessage report = reports().get(0);
    String key = "prod-eu|changed|apps/Deployment/prod/web";
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    PrivateReplies replies = (channel, user, text) -> told.add(user + ": " + text);
    ButtonDispatcher dispatcher =
        new ButtonDispatcher(
            new ButtonHandlers()
                .on(
                    DriftActions.SNOOZE,
                    "Snooze",
                    wiring.button(Decision.Kind.SNOOZED, config, authorizer()))
                .on(
                    DriftActions.IGNORE,
                    "Ignore",
                    wiring.button(Decision.Kind.IGNORED, config, authorizer())),
            engine,
            replies,
            (channel, ts, text) -> {},
            new AuditLog(engine, clock),
            new FollowUps(Runnable::run, replies, List.of()));

    dispatcher.click(click("U09NOBODY", report, DriftActions.IGNORE, key, "not mine"));

    assertThat(told)
        .containsExactly(
            "U09NOBODY: Nothing was recorded. prod-eu: only U01OPS1, U01OPS2 may snooze or ignore its drift"
                + " (operators); you are not in any of them.");
    assertThat(wiring.ledger().decision(key)).isEmpty();
    assertThat(engine.audit(LockKey.of("drift", "prod-eu"), 10))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.actor()).isEqualTo("U09NOBODY");
              assertThat(line.detail()).startsWith("Ignore button on " + key + ": refused:");
            });

    dispatcher.click(click("U01OPS1", report, DriftActions.SNOOZE, key, "autoscaler experiment"));
    clock.advance(Duration.ofMinutes(1));
    dispatcher.click(click("U01OPS2", report, DriftActions.IGNORE, key, "the autoscaler owns it"));

    assertThat(wiring.ledger().history(key))
        .extracting(Decision::kind, Decision::decidedBy, Decision::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Decision.Kind.SNOOZED, "U01OPS1", "autoscaler experiment"),
            org.assertj.core.groups.Tuple.tuple(
                Decision.Kind.IGNORED, "U01OPS2", "the autoscaler owns it"));
    assertThat(wiring.ledger().decision(key).map(Decision::decidedBy)).contains("U01OPS2");
    assertThat(engine.audit(LockKey.of("drift", "prod-eu"), 10))
        .extracting(line -> line.actor() + " " + line.detail())
        .contains(
            "U01OPS1 Snooze button on "
                + key
                + ": snoozed for 7 days "
                + key
                + ": autoscaler"
                + " experiment",
            "U01OPS2 Ignore button on " + key + ": ignored " + key + ": the autoscaler owns it");
  }

  private Authorizer authorizer() {
    return new Authorizer(
        config.groups(), new SlackUserGroups(userGroup -> Set.of(), clock, Duration.ofMinutes(5)));
  }

  private static Click click(
      String user, SlackMessage report, String actionId, String key, String reason) {
    return new Click(
        user,
        CHANNEL,
        actionId,
        key,
        Optional.empty(),
        Optional.of(report.ts()),
        Map.of(DriftActions.REASON_INPUT, reason),
        0);
  }

  /** A click on the report's button, with what the reason box holds. */
  private static Click click(SlackMessage report, String actionId, String key, String reason) {
    return new Click(
        "U01OPS1",
        CHANNEL,
        actionId,
        key,
        Optional.empty(),
        Optional.of(report.ts()),
        Map.of(DriftActions.REASON_INPUT, reason),
        0);
  }
}
