package dev.shipmate.bot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.testing.Await;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * The README's airplane-mode examples, typed as written into {@code shipmate local} on the example
 * packed in the jar: each goes through the console's signed Slack requests to the production
 * pipelines on the simulated world, on the fast clock, and reaches its outcome. One session for all
 * of them, the runs overlapping as a person would let them, to keep the build short.
 */
class LocalExamplesIT {

  private static final Duration EXAMPLE = Duration.ofMinutes(2);

  @TempDir Path data;

  private final StringWriter output = new StringWriter();
  private PipedWriter keyboard;

  @Test
  @DisplayName(
      "on the embedded example: /env up pr-123 (and pr 123 close), /deploy web v1.2 prod confirmed and approved"
          + " by another sre, /cutover 25% (and a revert after green fail), /upgrade dev 1.32, /upgrade prod-eu 1.32,"
          + " /deploy web v1.3-errors staging rolled back by its check, /deploy web v1.3 global in"
          + " waves across three clusters,"
          + " /drift (after a kubectl set image) and drift now each reach their outcome within 2 minutes")
  void everyExampleWorks() throws Exception {
    PipedReader stdin = new PipedReader();
    keyboard = new PipedWriter(stdin);
    CommandLine local = new CommandLine(new LocalCommand(Map.of(), Clock.systemUTC(), stdin));
    local.setOut(new PrintWriter(output, true));
    local.setErr(new PrintWriter(output, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> local.execute("--port", "0", "--data", data.toString()));
    Await.until("the banner", () -> output.toString().contains("quit (or Ctrl-D) to stop."));
    assertThat(output.toString()).contains("the example packed in the jar");

    // /env up pr-123, as the default persona: the pull request's head, from the GitHub stand-in
    int preview = type("/env up pr-123");
    Await.until("the preview's answer", () -> since(preview).contains("Started p-"));

    // /deploy web v1.2 prod, as an sre; approved by the other sre
    type("as U01SRE1");
    int deploy = type("/deploy web v1.2 prod");
    // prod says confirm: true: the confirmation shows what runs there now, and is confirmed
    Await.until("the confirmation", () -> since(deploy).contains("type confirm to press [Deploy]"));
    Await.until("what prod runs now", () -> since(deploy).contains("Now: prod: v1.0"));
    type("confirm");
    Await.until("the prod card", () -> since(deploy).contains("┌ #C0PROD"));
    type("as U01SRE2");
    int approved = type("approve");
    Await.until("the press", () -> since(approved).contains("presses [Approve]"));

    // /deploy web v1.3 global, as an sre: one run, wave by wave (prod-eu, then prod-us and
    // prod-ap), each wave baked 20 seconds and checked by error-ratio in its clusters
    type("as U01SRE1");
    int waves = type("/deploy web v1.3 global");
    Await.until("the wave deploy's answer", () -> since(waves).contains("Started d-"));

    // /cutover 25% and /upgrade dev 1.32, as an sre
    int cutover = type("/cutover 25%");
    Await.until("the cutover's answer", () -> since(cutover).contains("Started c-"));
    int upgrade = type("/upgrade dev 1.32");
    Await.until("the upgrade's answer", () -> since(upgrade).contains("Started u-"));

    awaitOutcome(preview, "Preview pr-123 (5e1f0c2) at https://pr-123.preview.example.com");
    int github = type("pr 123");
    Await.until("the pull request's view", () -> since(github).contains("comment (edited"));
    assertThat(since(github)).contains("shipmate/preview: pending → shipmate/preview: success");
    // pr 123 close: GitHub's signed webhook makes Shipmate remove the preview
    int closed = type("pr 123 close");
    Await.until("the webhook's answer", () -> since(closed).contains("webhook got HTTP 202"));
    Await.until(
        "the preview-down run to succeed",
        () ->
            since(closed)
                .lines()
                .anyMatch(l -> l.contains("· preview-down ·") && l.endsWith("· succeeded")),
        EXAMPLE);
    awaitOutcome(deploy, "Deploy web v1.2 to prod");
    // /upgrade prod-eu 1.32 (EKS) once prod runs v1.2, beside the rest
    int eks = type("/upgrade prod-eu 1.32");
    Await.until("the EKS upgrade's answer", () -> since(eks).contains("Started u-"));
    awaitOutcome(cutover, "Cutover www to 25% green");
    // green fail: the next cutover's bake sees 503s and the weights go back
    int failing = type("green fail");
    Await.until("the world's answer", () -> since(failing).contains("now answers 503"));
    int reverted = type("/cutover 50%");
    Await.until(
        "the failed cutover to be rolled back",
        () ->
            since(reverted).contains("green failed its health gate")
                && since(reverted).contains("rolled back"),
        EXAMPLE);
    type("green heal");
    awaitOutcome(upgrade, "Upgrade dev to Kubernetes 1.32");
    assertThat(since(upgrade))
        .contains("waiting for i-")
        .contains("to join group dev-control-plane")
        .contains("to join group dev-nodes");
    assertThat(since(upgrade).indexOf("join group dev-control-plane"))
        .as("the control plane is replaced before the workers")
        .isLessThan(since(upgrade).indexOf("join group dev-nodes"));

    awaitOutcome(eks, "Upgrade prod-eu to Kubernetes 1.32");
    awaitOutcome(waves, "Deploy web v1.3 to global in waves");
    assertThat(since(waves))
        .contains("wave-1-bake")
        .contains("prod-us: web → v1.3")
        .contains("prod-ap: web → v1.3");

    // /deploy web v1.3-errors staging (dev is upgraded now): it rolls out, staging's verify check
    // reads the world's Prometheus, finds the error ratio too high, and the deploy rolls back
    int errors = type("/deploy web v1.3-errors staging");
    Await.until(
        "the deploy to fail its check and be rolled back",
        () ->
            since(errors).contains("error-ratio failed: 0.3 > 0.01")
                && since(errors).contains("http_error_ratio{cluster=\"dev\"")
                && since(errors).lines().anyMatch(l -> l.contains("rolled back in")),
        EXAMPLE);

    // kubectl set image against the world's kubeconfig: staging's web runs a hand-made tag
    try (KubernetesClients kubectl =
        KubernetesClients.fromKubeconfig(data.resolve("world").resolve("kubeconfig"))) {
      kubectl
          .forContext("dev")
          .apps()
          .deployments()
          .inNamespace("staging")
          .withName("web")
          .edit(
              web -> {
                web.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .setImage("registry.example.com/acme/web:v1.0-by-hand");
                return web;
              });
    }

    // /drift: prod runs v1.2 now, staging the hand-made tag and global v1.3 in its three clusters;
    // the drift repository says v1.0
    int drift = type("/drift");
    Await.until(
        "the drift report",
        () -> since(drift).contains("Drift report for prod-eu, dev, prod-us, prod-ap and Route53"),
        EXAMPLE);
    Await.until("the full diff", () -> since(drift).contains("Full diff"), EXAMPLE);
    assertThat(since(drift))
        .doesNotContain("could not be checked")
        .contains("(5 new")
        .contains("acme/web:v1.3")
        .contains("acme/web:v1.2")
        .contains("spec.template.spec.containers[web].image")
        .contains("acme/web:v1.0-by-hand");

    // drift now: the scheduled report, fired from the console, goes to the drift channel
    int scheduled = type("drift now");
    Await.until(
        "the scheduled report in #C0DRIFT",
        () -> since(scheduled).contains("┌ #C0DRIFT") && since(scheduled).contains("acme/web:v1.2"),
        EXAMPLE);

    type("quit");
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
  }

  /** The run typed at {@code mark} ends succeeded within {@link #EXAMPLE}. */
  private void awaitOutcome(int mark, String title) {
    Await.until(
        title + " to succeed",
        () -> since(mark).lines().anyMatch(l -> l.contains(title) && l.contains("succeeded in")),
        EXAMPLE);
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
