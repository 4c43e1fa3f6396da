package dev.shipmate.bot.validate;

import dev.shipmate.bot.ConfigFiles;
import dev.shipmate.bot.ConfigFiles.MissingConfigFileException;
import dev.shipmate.bot.ConfigOption;
import dev.shipmate.bot.Main;
import dev.shipmate.bot.ShipmateVersion;
import dev.shipmate.config.ConfigPrinter;
import dev.shipmate.config.LoadResult;
import dev.shipmate.config.ShipmateConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shipmate validate}: checks a configuration and lists every problem in it. Prints only its
 * result: the summary and warnings on stdout when valid, the errors on stderr when not.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = ShipmateVersion.class,
    description = {
      "Check a configuration file and list every problem in it.",
      "Exits 0 when it is valid (printing a summary and any warnings), 1 with every error (its"
          + " path and line) when it is not."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Mixin private ConfigOption configOption;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "The configuration file, as an alternative to --config.")
  private Path positionalFile;

  @Option(
      names = "--print",
      description = "Also print the effective configuration, with secrets redacted.")
  private boolean print;

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public ValidateCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = file();
    LoadResult result;
    try {
      result = ConfigFiles.load(file, env);
    } catch (MissingConfigFileException missing) {
      err.println("error: " + missing.getMessage());
      return Main.EXIT_FAILURE;
    }
    if (!result.ok()) {
      result.problems().forEach(problem -> err.println(ConfigFiles.line(problem)));
      int errors = result.errors().size();
      err.println(file + ": invalid — " + errors + (errors == 1 ? " error" : " errors"));
      return Main.EXIT_FAILURE;
    }
    ShipmateConfig config = result.orThrow();
    out.println(file + ": valid — " + ConfigSummary.of(config));
    result.warnings().forEach(problem -> out.println(ConfigFiles.line(problem)));
    if (print) {
      out.println();
      out.print(ConfigPrinter.toYaml(config));
      out.flush();
    }
    return 0;
  }

  private Path file() {
    if (positionalFile == null) {
      return configOption.file(env);
    }
    if (configOption.named().isPresent()) {
      throw new ParameterException(
          spec.commandLine(), "Name the file once: either --config FILE or FILE, not both.");
    }
    return positionalFile;
  }
}
