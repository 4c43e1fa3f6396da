package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.engine.testing.Await;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shipmate local} end to end: the simulated world, the bot and the console in this JVM,
 * typed at through a pipe as a person types at the terminal.
 */
class LocalCommandIT {

  @TempDir Path data;

  private final StringWriter output = new StringWriter();
  private PipedWriter keyboard;

  @Test
  @DisplayName(
      "a console session: help answered, a staging deploy drawn and succeeded, quit exits 0")
  void scriptedSession() throws Exception {
    // Given shipmate local on the example configuration, on any free port, with its data in a temp
    // folder
    PipedReader stdin = new PipedReader();
    keyboard = new PipedWriter(stdin);
    CommandLine local = new CommandLine(new LocalCommand(Map.of(), Clock.systemUTC(), stdin));
    local.setOut(new PrintWriter(output, true));
    local.setErr(new PrintWriter(output, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                local.execute(
                    "--config",
                    ExampleConfig.FILE.toString(),
                    "--port",
                    "0",
                    "--data",
                    data.toString()));
    // The first test of a cold JVM starts the world, the drift repository and the bot (class
    // loading, migrations): beside two other forks on two cores that can pass a minute.
    Await.until(
        "the banner",
        () -> output.toString().contains("You are U02BE1 in #C0DEPLOYS"),
        Duration.ofMinutes(2));
    assertThat(output.toString()).contains("-imagepull", "-crashloop", "-unready");

    // When help is asked for
    int mark = type("/shipmate help");

    // Then the bot's help answers, listing its commands
    Await.until("the help text", () -> since(mark).contains("/rollback"));

    // When a deploy to staging is typed
    int deploy = type("/deploy web v1.1 staging");

    // Then it is answered, its card is drawn, and its thread ends with the outcome
    Await.until("the deploy's answer", () -> since(deploy).contains("Started d-"));
    Await.until("the run card", () -> since(deploy).contains("┌ #C0DEPLOYS"));
    Await.until(
        "the thread's outcome",
        () -> since(deploy).lines().anyMatch(l -> l.startsWith("  ↳") && l.contains("succeeded")));

    // When the session ends
    type("quit");

    // Then everything stops, with exit code 0
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(output.toString()).contains("Stopping.");
  }

  @Test
  @DisplayName("a console command that is not one is explained, and the session goes on")
  void unknownWord() throws Exception {
    PipedReader stdin = new PipedReader();
    keyboard = new PipedWriter(stdin);
    CommandLine local = new CommandLine(new LocalCommand(Map.of(), Clock.systemUTC(), stdin));
    local.setOut(new PrintWriter(output, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                local.execute(
                    "--config",
                    ExampleConfig.FILE.toString(),
                    "--port",
                    "0",
                    "--data",
                    data.toString()));
    Await.until("the banner", () -> output.toString().contains("You are U02BE1"));

    int mark = type("approve");
    Await.until("the explanation", () -> since(mark).contains("No card has a button 'approve'"));
    int switched = type("as U01SRE2");
    Await.until("the switch", () -> since(switched).contains("You are now U01SRE2."));
    keyboard.close();

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  @DisplayName(
      "a configuration in Socket Mode (no signing secret) runs over HTTP here: the console is"
          + " answered")
  void socketModeFileRunsOverHttp() throws Exception {
    Path file =
        Files.writeString(
            data.resolve("socket.yaml"),
            Files.readString(ExampleConfig.FILE)
                .replace("  signingSecret: ${SLACK_SIGNING_SECRET:-}\n", "")
                .replace("slack:\n", "slack:\n  mode: socket\n  appToken: ${SLACK_APP_TOKEN:-}\n"));
    PipedReader stdin = new PipedReader();
    keyboard = new PipedWriter(stdin);
    CommandLine local = new CommandLine(new LocalCommand(Map.of(), Clock.systemUTC(), stdin));
    local.setOut(new PrintWriter(output, true));
    local.setErr(new PrintWriter(output, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                local.execute(
                    "--config",
                    file.toString(),
                    "--port",
                    "0",
                    "--data",
                    data.resolve("local").toString()));
    Await.until(
        "the banner", () -> output.toString().contains("You are U02BE1"), Duration.ofMinutes(2));

    int mark = type("/shipmate help");
    Await.until("the help text", () -> since(mark).contains("/rollback"));
    keyboard.close();

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
  }

  private int type(String line) throws IOException {
    int mark = output.toString().length();
    keyboard.write(line + "\n");
    keyboard.flush();
    return mark;
  }

  private String since(int mark) {
    return output.toString().substring(mark);
  }
}
