package dev.shipmate.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code shipmate.yaml}: YAML with {@code ${VAR}} and {@code ${VAR:-default}} taken from the
 * environment, into a validated {@link ShipmateConfig}, with every problem found and where it is.
 * It never throws for bad content: an unreadable file, a YAML syntax error or a wrong value each
 * become a {@link ConfigProblem}.
 *
 * <pre>{@code
 * LoadResult result = new ConfigLoader(System.getenv()).load(Path.of("shipmate.yaml"));
 * result.problems().forEach(p -> System.err.println(p.render()));
 * ShipmateConfig config = result.orThrow();
 * }</pre>
 */
public final class ConfigLoader {
  private static final String START_FROM =
      "start from config/examples/shipmate.yaml; docs/configuration.md describes every key";

  private final Map<String, String> environment;

  /**
   * @param environment the variables {@code ${…}} refers to: {@code System.getenv()} in production,
   *     a map in tests
   */
  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Reads and validates a file; relative paths in it are relative to the file's folder. */
  public LoadResult load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(absolute);
    } catch (NoSuchFileException e) {
      return failure(
          "no file "
              + absolute
              + ": set SHIPMATE_CONFIG to the configuration's path, or create it ("
              + START_FROM
              + ")");
    } catch (AccessDeniedException e) {
      return failure("cannot read " + absolute + ": permission denied");
    } catch (MalformedInputException e) {
      return failure(absolute + " is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      String reason =
          Files.isDirectory(absolute) ? "it is a folder" : String.valueOf(e.getMessage());
      return failure("cannot read " + absolute + ": " + reason);
    }
    return parse(text, absolute.toString(), absolute.getParent());
  }

  /** Reads and validates YAML text; relative paths in it are relative to the working directory. */
  public LoadResult parse(String yaml, String sourceName) {
    return parse(yaml, sourceName, Path.of("").toAbsolutePath());
  }

  /**
   * Reads and validates YAML text.
   *
   * @param sourceName what the text is called in messages (usually the file's path)
   * @param baseDirectory the folder relative paths in it ({@code previews.manifests}) start from
   */
  public LoadResult parse(String yaml, String sourceName, Path baseDirectory) {
    try {
      Optional<Node> root = compose(yaml);
      if (root.isEmpty()) {
        return failure(sourceName + " is empty: " + START_FROM);
      }
      if (!(root.get() instanceof MappingNode mapping)) {
        return failure(
            root.get().getStartMark().getLine() + 1,
            "expected a mapping of sections ("
                + String.join(", ", ShipmateConfigReader.SECTIONS.allowed())
                + "), got "
                + YamlValue.describe(root.get()));
      }
      Problems problems = new Problems();
      ReadContext context = new ReadContext(problems, new Interpolator(environment));
      Optional<ShipmateConfig> config =
          ShipmateConfigReader.read(mapping, context, baseDirectory.toAbsolutePath());
      return new LoadResult(config, problems.inFileOrder());
    } catch (MarkedYAMLException e) {
      return syntaxError(e);
    } catch (YAMLException e) {
      return failure("not readable as YAML: " + e.getMessage());
    } catch (RuntimeException e) {
      // A bug of ours must not take the bot down at start: report it like any other problem.
      return failure("internal error while reading the configuration (please report it): " + e);
    }
  }

  private static Optional<Node> compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    return Optional.ofNullable(new Yaml(options).compose(new StringReader(text)));
  }

  private static LoadResult syntaxError(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = mark == null ? 0 : mark.getLine() + 1;
    if (String.valueOf(e.getProblem()).contains("another document")) {
      return failure(
          line,
          "a second YAML document ('---'): the configuration is one document — remove the '---'"
              + " and merge what follows into the first");
    }
    StringBuilder message = new StringBuilder("YAML syntax error: ").append(e.getProblem());
    if (e.getContext() != null && e.getContextMark() != null) {
      message
          .append(" (")
          .append(e.getContext())
          .append(" that starts at line ")
          .append(e.getContextMark().getLine() + 1)
          .append(')');
    }
    String problem = String.valueOf(e.getProblem());
    if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
      message.append(
          " — check the indentation: the keys of one mapping start in the same column, and a"
              + " value with ': ' in it goes in quotes");
    } else if (e.getContext() != null && e.getContext().contains("flow")) {
      // The usual cause: ${VAR} or {cluster} unquoted inside { … }, where braces are syntax.
      message.append(
          " — inside { … } or [ … ], put a value that holds { } [ ] or , in quotes, e.g."
              + " botToken: \"${SLACK_BOT_TOKEN}\"");
    }
    return failure(line, message.toString());
  }

  private static LoadResult failure(String message) {
    return failure(0, message);
  }

  private static LoadResult failure(int line, String message) {
    return new LoadResult(Optional.empty(), List.of(ConfigProblem.error("", line, message)));
  }
}
