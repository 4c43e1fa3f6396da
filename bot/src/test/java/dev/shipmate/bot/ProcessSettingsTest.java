package dev.shipmate.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.bot.ProcessSettings.InvalidSettingsException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessSettingsTest {

  @Test
  @DisplayName("with nothing set: ./shipmate.yaml, port 3000, Slack's own Web API")
  void defaults() {
    ProcessSettings settings = ProcessSettings.from(Map.of());

    assertThat(settings.configFile()).isEqualTo(Path.of("shipmate.yaml"));
    assertThat(settings.port()).isEqualTo(3000);
    assertThat(settings.slackApiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
    assertThat(settings.maxRequestBody()).isEqualTo(1024 * 1024);
  }

  @Test
  @DisplayName("SHIPMATE_MAX_REQUEST_BODY takes bytes, KiB or MiB; nonsense is named with a hint")
  void maxRequestBody() {
    assertThat(ProcessSettings.from(Map.of("SHIPMATE_MAX_REQUEST_BODY", "4096")).maxRequestBody())
        .isEqualTo(4096);
    assertThat(ProcessSettings.from(Map.of("SHIPMATE_MAX_REQUEST_BODY", "512KiB")).maxRequestBody())
        .isEqualTo(512 * 1024);
    assertThat(ProcessSettings.from(Map.of("SHIPMATE_MAX_REQUEST_BODY", "2MiB")).maxRequestBody())
        .isEqualTo(2 * 1024 * 1024);
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("SHIPMATE_MAX_REQUEST_BODY", "1GiB")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("SHIPMATE_MAX_REQUEST_BODY is '1GiB'")
        .hasMessageContaining("2MiB");
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("SHIPMATE_MAX_REQUEST_BODY", "100MiB")))
        .isInstanceOf(InvalidSettingsException.class);
  }

  @Test
  @DisplayName("SHIPMATE_CONFIG, PORT and SLACK_API_URL are read; blank counts as unset")
  void readsTheEnvironment() {
    ProcessSettings settings =
        ProcessSettings.from(
            Map.of(
                "SHIPMATE_CONFIG", "/etc/shipmate/prod.yaml",
                "PORT", " 8080 ",
                "SLACK_API_URL", "http://127.0.0.1:9999/api/"));

    assertThat(settings.configFile()).isEqualTo(Path.of("/etc/shipmate/prod.yaml"));
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.slackApiUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/api/"));
    assertThat(ProcessSettings.from(Map.of("PORT", "  ", "SHIPMATE_CONFIG", "")))
        .isEqualTo(ProcessSettings.from(Map.of()));
  }

  @Test
  @DisplayName("a Slack API URL without its final slash gets one, as the client appends names")
  void slackApiUrlEndsWithASlash() {
    ProcessSettings settings = ProcessSettings.from(Map.of("SLACK_API_URL", "http://slack:80/api"));

    assertThat(settings.slackApiUrl()).isEqualTo(URI.create("http://slack:80/api/"));
  }

  @Test
  @DisplayName(
      "MANAGEMENT_PORT, when set, moves /readyz and /metrics; the same port as PORT or nonsense is"
          + " refused")
  void managementPort() {
    assertThat(ProcessSettings.from(Map.of()).managementPort()).isEmpty();
    assertThat(ProcessSettings.from(Map.of("MANAGEMENT_PORT", "9090")).managementPort())
        .contains(9090);
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("MANAGEMENT_PORT", "metrics")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("MANAGEMENT_PORT is 'metrics'");
    assertThatThrownBy(
            () -> ProcessSettings.from(Map.of("PORT", "3000", "MANAGEMENT_PORT", "3000")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("MANAGEMENT_PORT is 3000, the same as PORT");
    assertThat(ProcessSettings.from(Map.of("PORT", "0", "MANAGEMENT_PORT", "0")).managementPort())
        .contains(0);
  }

  @Test
  @DisplayName("a PORT that is not a port number is refused with what to set instead")
  void badPort() {
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("PORT", "http")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("PORT is 'http'")
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("PORT", "70000")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("PORT is '70000'");
  }

  @Test
  @DisplayName("a SLACK_API_URL that is not an http(s) URL is refused with an example")
  void badSlackApiUrl() {
    assertThatThrownBy(() -> ProcessSettings.from(Map.of("SLACK_API_URL", "slack.com/api")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("SLACK_API_URL is 'slack.com/api'")
        .hasMessageContaining("https://slack.com/api/");
  }

  @Test
  @DisplayName("the configuration file alone can be read without judging the other variables")
  void configFileAlone() {
    assertThat(ProcessSettings.configFile(Map.of("SHIPMATE_CONFIG", "a.yaml", "PORT", "nope")))
        .isEqualTo(Path.of("a.yaml"));
  }
}
