package dev.shipmate.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Log lines as an operator's collector receives them, through a real logback appender. */
class LogFormatEncoderTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> appender;

  @AfterEach
  void detach() {
    MDC.clear();
    if (appender != null) {
      context.getLogger(getClass()).detachAppender(appender);
      appender.stop();
    }
  }

  private Logger loggerWith(Map<String, String> env) {
    LogFormatEncoder encoder = new LogFormatEncoder(env);
    encoder.setContext(context);
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger(getClass());
    logger.addAppender(appender);
    return logger;
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  @DisplayName(
      "LOG_FORMAT=json: one JSON object per line, with the run, pipeline and step as fields")
  void jsonLines() throws Exception {
    Logger logger = loggerWith(Map.of("LOG_FORMAT", "json"));
    MDC.put("run_id", "d-4k2p");
    MDC.put("pipeline", "deploy");
    MDC.put("step", "wait-rollout");

    logger.warn("rollout of {} is \"slow\"\n(2 of 3 pods ready)", "web");

    assertThat(lines()).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines().get(0));
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("loggerName").asText()).isEqualTo(getClass().getName());
    assertThat(line.path("formattedMessage").asText())
        .isEqualTo("rollout of web is \"slow\"\n(2 of 3 pods ready)");
    assertThat(line.path("timestamp").asLong()).isPositive();
    assertThat(line.path("mdc").path("run_id").asText()).isEqualTo("d-4k2p");
    assertThat(line.path("mdc").path("pipeline").asText()).isEqualTo("deploy");
    assertThat(line.path("mdc").path("step").asText()).isEqualTo("wait-rollout");
  }

  @Test
  @DisplayName("LOG_FORMAT=json: an exception goes into the same line, as a field")
  void jsonException() throws Exception {
    Logger logger = loggerWith(Map.of("LOG_FORMAT", "JSON"));

    logger.error("advancing run d-4k2p failed", new IllegalStateException("the store failed"));

    assertThat(lines()).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines().get(0));
    assertThat(line.path("throwable").path("className").asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(line.path("throwable").path("message").asText()).isEqualTo("the store failed");
  }

  @Test
  @DisplayName(
      "without LOG_FORMAT, text lines; a line logged during a run starts with its id and step")
  void textLines() {
    Logger logger = loggerWith(Map.of());

    logger.info("engine started");
    MDC.put("run_id", "d-4k2p");
    MDC.put("step", "set-image");
    logger.info("patched web");

    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .* - engine started");
    assertThat(lines().get(1))
        .matches("\\[d-4k2p set-image\\] \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .* - patched web");
  }
}
