package dev.shipmate.engine.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What a class logs during a test, down to DEBUG, through logback (the tests' SLF4J binding): for
 * tests of what an operator reads. Close it to detach.
 */
public final class CapturedLogs implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    this.previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  public static CapturedLogs of(Class<?> type) {
    return new CapturedLogs(type);
  }

  /** The events logged at {@code level}, oldest first. */
  public List<ILoggingEvent> at(Level level) {
    synchronized (appender) { // AppenderBase.doAppend appends under the appender's lock
      return appender.list.stream().filter(e -> e.getLevel() == level).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }
}
