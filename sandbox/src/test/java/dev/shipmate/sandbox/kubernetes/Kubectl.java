package dev.shipmate.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real kubectl, run against a simulated cluster through a kubeconfig of our own and a home
 * folder of our own (so that no ambient configuration or discovery cache leaks in).
 */
final class Kubectl {

  /** How long one kubectl command may take before the test fails. */
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final Path binary;
  private final Path kubeconfig;
  private final Path home;

  private Kubectl(Path binary, Path kubeconfig, Path home) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.home = home;
  }

  /** A kubectl for the cluster; fails the test, clearly, when kubectl is not on the PATH. */
  static Kubectl forCluster(SimulatedCluster cluster, Path folder) {
    Path kubeconfig =
        KubeconfigWriter.write(
            folder.resolve("kubeconfig"), List.of(cluster.kubeContext("sandbox")), "sandbox");
    return new Kubectl(findOnPath(), kubeconfig, folder.resolve("home"));
  }

  static Path findOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(entry, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        "kubectl is not on the PATH ("
            + path
            + "). These tests check the sandbox against the real"
            + " kubectl, which is installed on every machine of this kind: install kubectl 1.32 and"
            + " run them again.");
  }

  /** The result of a command that ran to its end. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Runs a command to its end. */
  Result run(String... arguments) {
    Running running = start(arguments);
    return running.await();
  }

  /** Starts a command that runs on (a watch, a rollout status) and reads its output as it comes. */
  Running start(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString());
    try {
      Files.createDirectories(home);
      return new Running(builder.start(), String.join(" ", arguments));
    } catch (IOException e) {
      return fail("cannot start kubectl " + String.join(" ", arguments), e);
    }
  }

  /** A kubectl still running, its output lines collected as they come. */
  static final class Running {
    private final Process process;
    private final String description;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private Running(Process process, String description) {
      this.process = process;
      this.description = description;
      this.outReader = reader(process.getInputStream(), out);
      this.errReader = reader(process.getErrorStream(), err);
    }

    /** Waits for a line (on stdout or stderr) that matches, and answers it. */
    String awaitLine(Predicate<String> wanted) {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          if (line != null && wanted.test(line)) {
            return line;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
      return fail(
          "kubectl "
              + description
              + " printed no such line within "
              + LIMIT
              + "; it printed:\n"
              + out
              + err);
    }

    /** Waits for the command to end. */
    Result await() {
      try {
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          outReader.join(5_000);
          errReader.join(5_000);
          return fail(
              "kubectl "
                  + description
                  + " did not finish within "
                  + LIMIT
                  + "; it printed:\n"
                  + out
                  + err);
        }
        outReader.join(5_000);
        errReader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for kubectl " + description);
      }
      synchronized (this) {
        return new Result(process.exitValue(), out.toString(), err.toString());
      }
    }

    /** Stops a command that would run on for ever (a watch) and answers what it printed. */
    String stop() {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
        outReader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        return out.toString();
      }
    }

    private Thread reader(java.io.InputStream stream, StringBuilder sink) {
      Thread thread =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                      sink.append(line).append('\n');
                    }
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // The process ended.
                }
              },
              "kubectl-output");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }
  }
}
