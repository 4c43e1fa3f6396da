package dev.shipmate.bot.bench.sidebyside;

import dev.shipmate.bot.Main;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.SlashCommandPost;
import dev.shipmate.sandbox.slack.SimulatedSlack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process, in JVMs of their own with the heap the Dockerfile gives it ({@code
 * -XX:MaxRAMPercentage=75} of the Deployment's 768 MiB limit: {@code -Xmx576m}): {@code shipmate
 * serve} on the example configuration from its start to {@code /readyz} answering 200, and its
 * resident memory once idle; then Shipmate with the scripted pipeline ({@link ScriptedShipmate})
 * idle and with 500 active runs (each checked every 15 s): heap in use (from {@code /metrics}) and
 * RSS. No peer: the goals are absolute (ready &lt; 3 s, idle RSS &lt; 256 MiB).
 */
final class ProcessFigures {

  /** What {@code -XX:MaxRAMPercentage=75} makes of deploy/base's 768Mi limit. */
  static final String HEAP = "-Xmx576m";

  private static final int RUNS = 500;
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();

  void run() throws Exception {
    try (SimulatedSlack slack = ExampleConfig.slack()) {
      Path folder = Files.createTempDirectory("side-by-side-process");
      Samples ready = new Samples();
      for (int round = 0; round < 3; round++) {
        Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
        env.putAll(ExampleConfig.storeIn(folder.resolve("serve-" + round)));
        env.put("SLACK_API_URL", slack.apiUrl().toString());
        int port = freePort();
        env.put("PORT", String.valueOf(port));
        Process serve =
            child(
                folder.resolve("serve-" + round + ".log"),
                env,
                Main.class.getName(),
                "serve",
                "--config",
                ExampleConfig.FILE.toString());
        try {
          long started = System.nanoTime();
          awaitReady(serve, port);
          ready.add(System.nanoTime() - started);
          if (round == 0) {
            Thread.sleep(SETTLE.toMillis());
            System.out.printf(
                Locale.ROOT,
                "process  serve (example configuration), idle %d s after ready: RSS %d MiB,"
                    + " heap used %d MiB | load %s%n",
                SETTLE.toSeconds(),
                rss(serve) >> 20,
                heapUsed(port) >> 20,
                LoadAverage.now());
          }
        } finally {
          stop(serve);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "process  serve: start → /readyz 200: median %.0f ms, worst %.0f ms of 3 | load %s%n",
          ready.p50(),
          ready.quantile(1.0),
          LoadAverage.now());

      Path configFile = BenchConfig.write(folder.resolve("scripted"), RUNS + 10);
      Map<String, String> env = new HashMap<>(ExampleConfig.ENV);
      env.put("SLACK_API_URL", slack.apiUrl().toString());
      env.put("SHIPMATE_CONFIG", configFile.toString());
      int port = freePort();
      env.put("PORT", String.valueOf(port));
      Process scripted =
          child(folder.resolve("scripted.log"), env, ScriptedShipmate.class.getName());
      try {
        long started = System.nanoTime();
        awaitReady(scripted, port);
        long readyNanos = System.nanoTime() - started;
        Thread.sleep(SETTLE.toMillis());
        long idleRss = rss(scripted);
        long idleHeap = heapUsed(port);
        URI events = URI.create("http://127.0.0.1:" + port + "/slack/events");
        long startNanos = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
          HttpResponse<String> answer =
              http.send(
                  SlashCommandPost.of("/deploy", "svc-" + i + " v1-idle staging")
                      .by(BenchConfig.USER)
                      .signedWith(ExampleConfig.SIGNING_SECRET, events),
                  HttpResponse.BodyHandlers.ofString());
          if (!answer.body().contains("Started")) {
            throw new IllegalStateException("run " + i + " did not start: " + answer.body());
          }
        }
        long startingNanos = System.nanoTime() - startNanos;
        Thread.sleep(SETTLE.multipliedBy(3).toMillis());
        long busyRss = rss(scripted);
        long busyHeap = heapUsed(port);
        System.out.printf(
            Locale.ROOT,
            "process  scripted Shipmate: start → /readyz %.0f ms; idle: RSS %d MiB, heap used %d"
                + " MiB; %d runs started in %.1f s (%.1f ms each), 30 s later with all %d active:"
                + " RSS %d MiB, heap used %d MiB (%+.1f KiB RSS, %+.1f KiB heap per run) | load %s%n",
            readyNanos / 1e6,
            idleRss >> 20,
            idleHeap >> 20,
            RUNS,
            startingNanos / 1e9,
            startingNanos / 1e6 / RUNS,
            RUNS,
            busyRss >> 20,
            busyHeap >> 20,
            (busyRss - idleRss) / 1024.0 / RUNS,
            (busyHeap - idleHeap) / 1024.0 / RUNS,
            LoadAverage.now());
      } finally {
        stop(scripted);
      }
    }
  }

  private static Process child(Path log, Map<String, String> env, String... mainAndArgs)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.command().addAll(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp"));
    builder.command().add(System.getProperty("java.class.path"));
    builder.command().addAll(List.of(mainAndArgs));
    builder.environment().remove("SHIPMATE_CONFIG");
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private void awaitReady(Process process, int port) throws Exception {
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the process exited " + process.exitValue());
      }
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // not yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("not ready after 120 s");
  }

  private long heapUsed(int port) throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double used = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) used;
  }

  /** The process's resident set, from {@code /proc/<pid>/status}. */
  private static long rss(Process process) throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
