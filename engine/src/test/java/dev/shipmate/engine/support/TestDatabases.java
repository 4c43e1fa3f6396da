package dev.shipmate.engine.support;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: an H2 file in a temporary folder, or a fresh schema in PostgreSQL.
 * PostgreSQL is {@code SHIPMATE_TEST_PG_URL} when it is set, otherwise one embedded server per test
 * JVM. Never skipped: if PostgreSQL cannot start, the tests that need it fail.
 */
public final class TestDatabases {
  public static final String PG_URL_VARIABLE = "SHIPMATE_TEST_PG_URL";
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private TestDatabases() {}

  public static StoreSettings h2(Path folder) {
    return new StoreSettings(
        "jdbc:h2:file:" + folder.resolve("shipmate").toAbsolutePath(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A private in-memory H2 database, alive until the JVM ends: for tests of the engine's logic,
   * where the file and its fsyncs only cost time (the store contract runs on a file).
   */
  public static StoreSettings h2InMemory() {
    return new StoreSettings(
        "jdbc:h2:mem:shipmate" + SCHEMAS.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
        Optional.empty(),
        Optional.empty());
  }

  /** A PostgreSQL schema no other test uses, as store settings. */
  public static StoreSettings postgres() {
    String base = postgresBaseUrl();
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a schema in the test PostgreSQL", e);
    }
    String separator = base.contains("?") ? "&" : "?";
    return new StoreSettings(
        base + separator + "currentSchema=" + schema, Optional.empty(), Optional.empty());
  }

  public static Database open(StoreSettings settings) {
    return Database.open(settings, 8);
  }

  private static String postgresBaseUrl() {
    String fromEnvironment = System.getenv(PG_URL_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    return EmbeddedServer.URL;
  }

  /** Started on first use, stopped by its shutdown hook when the test JVM exits. */
  private static final class EmbeddedServer {
    static final String URL = start();

    private static String start() {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        return postgres.getJdbcUrl("postgres", "postgres");
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
  }
}
