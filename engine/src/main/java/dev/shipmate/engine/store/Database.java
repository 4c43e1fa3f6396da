package dev.shipmate.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shipmate.config.Secret;
import dev.shipmate.config.StoreSettings;
import javax.sql.DataSource;

/**
 * The engine's database: one connection pool, shared by the journal and by Quartz, migrated to the
 * current schema when opened.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Vendor vendor;

  private Database(HikariDataSource dataSource, Vendor vendor) {
    this.dataSource = dataSource;
    this.vendor = vendor;
  }

  /** Opens the pool and migrates. {@code poolSize} must leave room for Quartz's threads. */
  public static Database open(StoreSettings settings, int poolSize) {
    Vendor vendor = Vendor.of(settings.url());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(JdbcUrls.normalize(settings.url()));
    settings.username().ifPresent(config::setUsername);
    settings.password().map(Secret::value).ifPresent(config::setPassword);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("shipmate-store");
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Migrations.migrate(dataSource, vendor);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, vendor);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Vendor vendor() {
    return vendor;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
