package dev.shipmate.engine.wakeup;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz the engine's own pool, so Quartz neither looks for c3p0 nor opens a second pool on
 * the same database. The pool belongs to the engine: Quartz's shutdown leaves it open.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  DataSourceConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A connection from the pool. Quartz interrupts its scheduler thread to stop it ({@code
   * QuartzSchedulerThread.halt}); if that thread is waiting for a connection just then (the pool is
   * still opening them, shortly after a start), the pool gives up and Quartz logs an ERROR with a
   * stack trace for a stop that is going well. So an interrupted wait is waited out once more,
   * uninterrupted, and the interrupt is kept for Quartz to see afterwards.
   */
  @Override
  public Connection getConnection() throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      if (!(e.getCause() instanceof InterruptedException) || !Thread.interrupted()) {
        throw e;
      }
      try {
        return dataSource.getConnection();
      } finally {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void shutdown() {}

  @Override
  public void initialize() {}
}
