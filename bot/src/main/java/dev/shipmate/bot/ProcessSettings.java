package dev.shipmate.bot;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How this process is set up, read from its environment variables. Every environment lookup of the
 * bot happens here, from a map, so that tests hand in their own environment instead of the real
 * one.
 *
 * @param configFile {@code SHIPMATE_CONFIG}, else {@code ./shipmate.yaml}
 * @param port {@code PORT}, else 3000; 0 picks a free port
 * @param slackApiUrl {@code SLACK_API_URL}, else Slack's own Web API; always ends with a slash
 * @param maxRequestBody {@code SHIPMATE_MAX_REQUEST_BODY}: the largest request body the HTTP server
 *     accepts, in bytes (a plain number, or with a {@code KiB} or {@code MiB} suffix); else 1 MiB
 * @param managementPort {@code MANAGEMENT_PORT}: where {@code /readyz} and {@code /metrics} are
 *     served, apart from Slack's and GitHub's port; unset, they are served on {@code PORT} (0 picks
 *     a free port)
 * @param slackRateMinute how long a minute of Slack's rate limits lasts for this process's rate
 *     budget: a minute. Not read from the environment; only a test that shortens the Slack
 *     stand-in's minute the same way ({@code SimulatedSlack.rateWindow}) sets it
 */
public record ProcessSettings(
    Path configFile,
    int port,
    URI slackApiUrl,
    long maxRequestBody,
    Optional<Integer> managementPort,
    Duration slackRateMinute) {

  public static final Path DEFAULT_CONFIG_FILE = Path.of("shipmate.yaml");
  public static final int DEFAULT_PORT = 3000;
  public static final URI DEFAULT_SLACK_API_URL = URI.create("https://slack.com/api/");
  public static final long DEFAULT_MAX_REQUEST_BODY = 1024 * 1024;

  /** Largest value {@code SHIPMATE_MAX_REQUEST_BODY} may take: bodies are held in memory. */
  static final long MAX_REQUEST_BODY_CEILING = 64L * 1024 * 1024;

  public static final Duration SLACK_MINUTE = Duration.ofMinutes(1);

  public ProcessSettings {
    if (managementPort.isPresent() && managementPort.get() != 0 && managementPort.get() == port) {
      throw new InvalidSettingsException(
          "MANAGEMENT_PORT is "
              + port
              + ", the same as PORT: set it to another port (e.g. 9090), or unset it to serve"
              + " /readyz and /metrics on PORT");
    }
    if (slackRateMinute.isNegative() || slackRateMinute.isZero()) {
      throw new IllegalArgumentException("Slack's minute must last: " + slackRateMinute);
    }
  }

  /** The settings with the default request body cap, the operations endpoints on {@code port}. */
  public ProcessSettings(Path configFile, int port, URI slackApiUrl) {
    this(configFile, port, slackApiUrl, DEFAULT_MAX_REQUEST_BODY);
  }

  /** The settings with the operations endpoints on {@code port}. */
  public ProcessSettings(Path configFile, int port, URI slackApiUrl, long maxRequestBody) {
    this(configFile, port, slackApiUrl, maxRequestBody, Optional.empty(), SLACK_MINUTE);
  }

  /** These settings, with {@code /readyz} and {@code /metrics} on {@code port} (0: any free). */
  public ProcessSettings withManagementPort(int port) {
    return new ProcessSettings(
        configFile, this.port, slackApiUrl, maxRequestBody, Optional.of(port), slackRateMinute);
  }

  /** The same settings, with Slack's minute as short as a test's Slack stand-in has it. */
  public ProcessSettings withSlackRateMinute(Duration minute) {
    return new ProcessSettings(
        configFile, port, slackApiUrl, maxRequestBody, managementPort, minute);
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws InvalidSettingsException naming the variable that is wrong and what it should hold
   */
  public static ProcessSettings from(Map<String, String> env) {
    return new ProcessSettings(
        configFile(env),
        nonBlank(env, "PORT").map(value -> port("PORT", value)).orElse(DEFAULT_PORT),
        nonBlank(env, "SLACK_API_URL")
            .map(ProcessSettings::slackApiUrl)
            .orElse(DEFAULT_SLACK_API_URL),
        nonBlank(env, "SHIPMATE_MAX_REQUEST_BODY")
            .map(ProcessSettings::maxRequestBody)
            .orElse(DEFAULT_MAX_REQUEST_BODY),
        nonBlank(env, "MANAGEMENT_PORT").map(value -> port("MANAGEMENT_PORT", value)),
        SLACK_MINUTE);
  }

  /**
   * Only the configuration file, for subcommands that need nothing else and should not fail on a
   * variable they do not use.
   */
  public static Path configFile(Map<String, String> env) {
    return nonBlank(env, "SHIPMATE_CONFIG").map(Path::of).orElse(DEFAULT_CONFIG_FILE);
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
  }

  private static int port(String variable, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, with the same message as a number out of range
    }
    throw new InvalidSettingsException(
        variable
            + " is '"
            + value
            + "': set it to a port number from 1 to 65535 (or 0 for any free port)");
  }

  private static long maxRequestBody(String value) {
    String number = value;
    long unit = 1;
    if (value.endsWith("MiB")) {
      number = value.substring(0, value.length() - 3);
      unit = 1024 * 1024;
    } else if (value.endsWith("KiB")) {
      number = value.substring(0, value.length() - 3);
      unit = 1024;
    }
    try {
      long bytes = Long.parseLong(number.strip()) * unit;
      if (bytes >= 1024 && bytes <= MAX_REQUEST_BODY_CEILING) {
        return bytes;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new InvalidSettingsException(
        "SHIPMATE_MAX_REQUEST_BODY is '"
            + value
            + "': set it to a size from 1KiB to 64MiB, like 1048576 or 2MiB, or unset it for"
            + " 1MiB");
  }

  private static URI slackApiUrl(String value) {
    // The Slack client appends method names ("auth.test") to this prefix as they are.
    String prefix = value.endsWith("/") ? value : value + "/";
    try {
      URI uri = new URI(prefix);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // answered below
    }
    throw new InvalidSettingsException(
        "SLACK_API_URL is '"
            + value
            + "': set it to the base URL of the Slack Web API, like "
            + DEFAULT_SLACK_API_URL
            + ", or unset it");
  }

  /** An environment variable holds something the bot cannot use. */
  public static final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(String message) {
      super(message);
    }
  }
}
