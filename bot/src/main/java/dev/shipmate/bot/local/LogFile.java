package dev.shipmate.bot.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.shipmate.bot.logging.LogFormatEncoder;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Local mode's logs go to a file, not to the terminal: the terminal is the chat. The root logger's
 * appenders (logback.xml's stderr) are replaced by one appending to {@code
 * data/local/shipmate.log}, in the same format (text, or JSON with {@code LOG_FORMAT=json}).
 */
final class LogFile {
  private LogFile() {}

  /** Sends every log line of this process to {@code file} from now on. */
  static void redirectTo(Path file) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return; // not logback (a test's class path): leave logging as it is
    }
    LogFormatEncoder encoder = new LogFormatEncoder();
    encoder.setContext(context);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("LOCAL_FILE");
    appender.setFile(file.toAbsolutePath().toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
