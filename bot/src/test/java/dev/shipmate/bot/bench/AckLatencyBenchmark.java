package dev.shipmate.bot.bench;

import dev.shipmate.bot.ProcessSettings;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.testing.ScriptedDeployPipeline;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Not a test: sends 1,000 signed slash commands, one after another, to the whole bot (Jetty, Bolt,
 * the router, the engine on an H2 file) and prints the ack latency as the sender sees it. Run with
 * {@code mvn -pl bot -am -Pbench -Dspotless.skip=true -DskipTests verify}; the figures go to
 * docs/benchmarks.md. It measures this machine as much as the code, and never fails on a number.
 */
public final class AckLatencyBenchmark {

  private static final int WARM_UP = 300;
  private static final int COMMANDS = 1_000;

  private AckLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("shipmate-bench");
    try (SimulatedSlack slack = ExampleConfig.slack()) {
      ProcessSettings settings =
          ProcessSettings.from(Map.of("PORT", "0", "SLACK_API_URL", slack.apiUrl().toString()));
      Bot bot =
          Bot.start(
              FrontConfig.write(folder),
              settings,
              Clock.systemUTC(),
              PipelineRegistry.of(new ScriptedDeployPipeline()),
              List.of());
      try {
        URI events = bot.localUri().resolve("/slack/events");
        HttpClient http = HttpClient.newHttpClient();
        // The first deploy starts a run that holds deploy:staging/bench; every later one claims
        // its request key, is authorized, is refused by the lock and is audited: the whole ack
        // path.
        Supplier<SlashCommandPost> deploy =
            () -> SlashCommandPost.of("/deploy", "bench v1-hold staging").by(FrontConfig.BACKEND);
        Supplier<SlashCommandPost> runs = () -> SlashCommandPost.of("/runs", "");
        measure("warm-up (not reported)", WARM_UP, deploy, http, events);
        print(
            "/deploy (claim, authorize, start or refuse, audit)",
            measure(COMMANDS, deploy, http, events));
        print("/runs (read the active runs)", measure(COMMANDS, runs, http, events));
        ScriptedDeployPipeline.release("bench");
      } finally {
        bot.close();
      }
    }
  }

  private static void measure(
      String what, int count, Supplier<SlashCommandPost> command, HttpClient http, URI events)
      throws Exception {
    measure(count, command, http, events);
    System.out.println(what + ": " + count + " commands sent");
  }

  private static long[] measure(
      int count, Supplier<SlashCommandPost> command, HttpClient http, URI events) throws Exception {
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      HttpRequest request = command.get().signedWith(ExampleConfig.SIGNING_SECRET, events);
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      nanos[i] = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException("command " + i + " answered " + response.statusCode());
      }
    }
    return nanos;
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s: %d signed commands, ack latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        what,
        sorted.length,
        millis(sorted, 0.50),
        millis(sorted, 0.90),
        millis(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
