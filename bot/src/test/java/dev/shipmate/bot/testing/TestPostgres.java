package dev.shipmate.bot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL for tests: {@code SHIPMATE_TEST_PG_URL} when set, else an embedded one started on
 * first use (and stopped with the test JVM). Each caller gets a database of its own.
 */
public final class TestPostgres {

  public static final String URL_VARIABLE = "SHIPMATE_TEST_PG_URL";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPostgres() {}

  /** The JDBC URL of a new, empty database. */
  public static String newDatabase() {
    String base = baseUrl();
    String name = "shipmate_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database in the test PostgreSQL", e);
    }
    // jdbc:postgresql://host:port/postgres?user=... → the same server, the new database
    return base.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  private static String baseUrl() {
    String fromEnvironment = System.getenv(URL_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    return Embedded.URL;
  }

  private static final class Embedded {
    static final String URL = start();

    private static String start() {
      try {
        return EmbeddedPostgres.builder().start().getJdbcUrl("postgres", "postgres");
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
  }
}
