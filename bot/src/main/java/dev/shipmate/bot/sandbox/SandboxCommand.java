package dev.shipmate.bot.sandbox;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ConfigFiles.MissingConfigFileException;
import dev.shipmate.bot.ConfigOption;
import dev.shipmate.bot.Main;
import dev.shipmate.bot.ShipmateVersion;
import dev.shipmate.config.LoadResult;
import dev.shipmate.sandbox.world.SimulatedWorld;
import dev.shipmate.sandbox.world.WorldSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shipmate sandbox}: the simulated world alone — one Kubernetes API per configured cluster,
 * the AWS and Slack stand-ins — seeded from the configuration and running on real time, with an env
 * file that a separate {@code shipmate serve} starts from. The world lives in this process: a
 * {@code serve} can be killed and restarted while the world keeps its state.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    versionProvider = ShipmateVersion.class,
    description = {
      "Run the simulated world alone (Kubernetes, AWS and Slack stand-ins) and write an env file"
          + " for `shipmate serve`.",
      "Then, in another terminal: set -a; . ./data/sandbox.env; set +a; java -jar"
          + " bot/target/shipmate.jar serve"
    })
public final class SandboxCommand implements Callable<Integer> {

  @Mixin private ConfigOption configOption;

  @Option(
      names = "--env-file",
      paramLabel = "PATH",
      defaultValue = "data/sandbox.env",
      description = "Where to write the environment for serve (default: ${DEFAULT-VALUE}).")
  private Path envFile;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "data/sandbox",
      description = "Where the kubeconfig and other files go (default: ${DEFAULT-VALUE}).")
  private Path directory;

  @Spec private CommandSpec spec;

  private final Map<String, String> env;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public SandboxCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = configOption.file(env);
    LoadResult result;
    try {
      result = ConfigFiles.load(file, env);
    } catch (MissingConfigFileException missing) {
      err.println("The sandbox cannot start. " + missing.getMessage());
      return Main.EXIT_FAILURE;
    }
    if (!result.ok()) {
      err.println("The sandbox cannot start: " + file + " is not valid.");
      result.errors().forEach(problem -> err.println(ConfigFiles.line(problem)));
      return Main.EXIT_FAILURE;
    }
    SimulatedWorld world =
        SimulatedWorld.start(
            result.orThrow(), WorldSettings.in(directory.toAbsolutePath()).withRealTime(true));
    Map<String, String> variables = new LinkedHashMap<>(world.environment());
    variables.put("SHIPMATE_CONFIG", file.toAbsolutePath().toString());
    EnvFile.write(envFile, variables);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  world.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    out.println("The sandbox is running. Its environment is in " + envFile.toAbsolutePath());
    variables.forEach((name, value) -> out.println("  " + name + "=" + value));
    out.println("Start the bot against it:");
    out.println("  set -a; . " + envFile + "; set +a; java -jar bot/target/shipmate.jar serve");
    out.println("Stop the sandbox with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }
}
