package dev.shipmate.bot.bench.sidebyside;

import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ButtonClickPost;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ack latency at 200 requests a second, Shipmate beside a bare Bolt app on the same Jetty ({@link
 * BareBoltApp}), both in this JVM, both signed by the same secret: {@code /deploy} that starts a
 * run (a service of its own each time, so that no lock refuses it), {@code /deploy} refused by a
 * held lock, {@code /runs}, and a click on a run card's Cancel by someone who may not (refused,
 * audited). Each round sends a burst of each figure to one and then the other, the order swapped
 * every round; latency is from the send to the full response, as the sender sees it.
 */
final class AckPair {

  private static final Pattern STARTED = Pattern.compile("Started (d-[0-9a-z]{4})");
  private static final long INTERVAL_NANOS = 1_000_000_000L / 200;

  private final int rounds;
  private final int perRound;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger service = new AtomicInteger();

  AckPair(int rounds, int perRound) {
    this.rounds = rounds;
    this.perRound = perRound;
  }

  void run() throws Exception {
    Path folder = Files.createTempDirectory("side-by-side-ack");
    int services = (rounds + 1) * perRound + 10;
    Path configFile = BenchConfig.write(folder, services);
    try (SimulatedSlack slack = ExampleConfig.slack();
        BareBoltApp bare =
            new BareBoltApp(
                slack.apiUrl(), ExampleConfig.BOT_TOKEN, ExampleConfig.SIGNING_SECRET)) {
      ProcessSettings settings =
          ProcessSettings.from(
              Map.of(
                  "PORT", "0",
                  "SLACK_API_URL", slack.apiUrl().toString(),
                  "SHIPMATE_CONFIG", configFile.toString()));
      Bot bot =
          Bot.start(
              BenchConfig.load(configFile),
              settings,
              Clock.systemUTC(),
              PipelineRegistry.of(new ScriptedDeployPipeline()),
              List.of());
      try {
        URI shipmate = bot.localUri().resolve("/slack/events");
        URI peer = bare.events();
        // The run that holds deploy:staging/bench, refusing every later /deploy bench; its card's
        // Cancel is what the stranger clicks.
        String held =
            send(
                shipmate,
                SlashCommandPost.of("/deploy", "bench v1-hold staging").by(BenchConfig.USER));
        Matcher started = STARTED.matcher(held);
        if (!started.find()) {
          throw new IllegalStateException("the holding deploy did not start: " + held);
        }
        RunId run = new RunId(started.group(1));
        String ts = awaitCard(bot, run);

        List<Figure> figures =
            List.of(
                new Figure(
                    "/deploy refused by a held lock",
                    i ->
                        SlashCommandPost.of("/deploy", "bench v2 staging")
                            .by(BenchConfig.USER)
                            .signedWith(ExampleConfig.SIGNING_SECRET, URI.create("http://x"))),
                new Figure(
                    "/runs",
                    i ->
                        SlashCommandPost.of("/runs", "")
                            .by(BenchConfig.USER)
                            .signedWith(ExampleConfig.SIGNING_SECRET, URI.create("http://x"))),
                new Figure(
                    "button click (Cancel, refused)",
                    i ->
                        ButtonClickPost.of(
                                "run.cancel",
                                run.value(),
                                BenchConfig.STRANGER,
                                BenchConfig.CHANNEL,
                                ts)
                            .signedWith(ExampleConfig.SIGNING_SECRET, URI.create("http://x"))),
                new Figure(
                    "/deploy that starts a run",
                    i ->
                        SlashCommandPost.of(
                                "/deploy", "svc-" + service.getAndIncrement() + " v1 staging")
                            .by(BenchConfig.USER)
                            .signedWith(ExampleConfig.SIGNING_SECRET, URI.create("http://x"))));
        // Figure by figure, so that the runs the starts leave behind (their cards, posted at
        // Slack's pace) weigh on no other figure: the starts go last.
        for (Figure figure : figures) {
          // Warm-up: one burst on each, not counted.
          burst(figure, peer, null);
          burst(figure, shipmate, null);
          Comparison comparison = Comparison.of("ack", figure.name + " @200/s", "bare Bolt");
          for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
              burst(figure, peer, comparison.peer);
              burst(figure, shipmate, comparison.shipmate);
            } else {
              burst(figure, shipmate, comparison.shipmate);
              burst(figure, peer, comparison.peer);
            }
          }
          comparison.done();
        }
        ScriptedDeployPipeline.release("bench");
      } finally {
        bot.close();
      }
    }
  }

  /** A kind of request; each is built (and signed) before its send time. */
  private static final class Figure {
    final String name;
    final IntFunction<HttpRequest> request;

    Figure(String name, IntFunction<HttpRequest> request) {
      this.name = name;
      this.request = request;
    }
  }

  /**
   * {@code perRound} requests at 200 a second, open loop: each is sent at its time whether the
   * earlier ones were answered or not, as Slack sends.
   */
  private void burst(Figure figure, URI endpoint, Samples into) throws Exception {
    List<HttpRequest> requests = new ArrayList<>(perRound);
    for (int i = 0; i < perRound; i++) {
      HttpRequest signed = figure.request.apply(i);
      requests.add(HttpRequest.newBuilder(signed, (n, v) -> true).uri(endpoint).build());
    }
    List<CompletableFuture<Void>> answers = new ArrayList<>(perRound);
    long start = System.nanoTime();
    for (int i = 0; i < perRound; i++) {
      long due = start + i * INTERVAL_NANOS;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      answers.add(
          http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString())
              .thenAccept(
                  response -> {
                    long latency = System.nanoTime() - sent;
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          figure.name
                              + " answered "
                              + response.statusCode()
                              + ": "
                              + response.body());
                    }
                    if (into != null) {
                      into.add(latency);
                    }
                  }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
  }

  private String send(URI endpoint, SlashCommandPost command) throws Exception {
    HttpResponse<String> response =
        http.send(
            command.signedWith(ExampleConfig.SIGNING_SECRET, endpoint),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The thread of the run's card, once the reporter has posted it. */
  private static String awaitCard(Bot bot, RunId run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var thread = bot.engine().run(run).flatMap(r -> r.replyTo()).flatMap(reply -> reply.thread());
      if (thread.isPresent()) {
        return thread.get();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the card of " + run + " was not posted");
  }
}
