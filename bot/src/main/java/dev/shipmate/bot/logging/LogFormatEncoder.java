package dev.shipmate.bot.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;
import java.util.Map;

/**
 * Log lines as text for a terminal, or as one JSON object per line for a log collector when {@code
 * LOG_FORMAT=json}. Chosen once, when logging starts. In JSON every field a line has goes out as a
 * field, the logging context included ({@code mdc.run_id}, {@code mdc.pipeline}, {@code mdc.step}
 * while a run advances); in text the run is named at the start of the line when there is one.
 *
 * <p>Uses logback's own {@link JsonEncoder}: no dependency beyond logback.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

  public static final String VARIABLE = "LOG_FORMAT";

  private final Map<String, String> env;
  private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
  private Encoder<ILoggingEvent> delegate;

  /** Logback builds it from logback.xml, on the process's environment. */
  public LogFormatEncoder() {
    this(System.getenv());
  }

  LogFormatEncoder(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The text layout (logback.xml's {@code <pattern>}); JSON ignores it. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** Whether the environment asks for JSON; any other value, or none, means text. */
  boolean json() {
    return "json".equals(env.getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public void start() {
    if (json()) {
      JsonEncoder encoder = new JsonEncoder();
      encoder.setWithSequenceNumber(false);
      encoder.setWithNanoseconds(false);
      encoder.setWithContext(false);
      // The message as read, not its template and arguments apart.
      encoder.setWithMessage(false);
      encoder.setWithArguments(false);
      encoder.setWithFormattedMessage(true);
      delegate = encoder;
    } else {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setPattern("%replace([%X{run_id} %X{step}] ){'\\[ \\] ', ''}" + pattern);
      delegate = encoder;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
