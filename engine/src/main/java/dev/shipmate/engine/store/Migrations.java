package dev.shipmate.engine.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades every table the engine uses, Quartz's included. Portable SQL lives in {@code
 * db/migration/common}; SQL that must differ per database lives in {@code db/migration/{vendor}}.
 * Flyway itself does not expand {@code {vendor}} (Spring Boot does), so it is expanded here.
 */
public final class Migrations {
  static final String COMMON = "classpath:db/migration/common";
  static final String PER_VENDOR = "classpath:db/migration/{vendor}";

  private Migrations() {}

  public static void migrate(DataSource dataSource, Vendor vendor) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(COMMON, PER_VENDOR.replace("{vendor}", vendor.id()))
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
