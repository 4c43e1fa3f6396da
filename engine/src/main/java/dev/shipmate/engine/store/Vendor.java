package dev.shipmate.engine.store;

import java.util.Locale;

/** The databases the engine runs on. The id names the folder of vendor-specific migrations. */
public enum Vendor {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String id;

  Vendor(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Vendor of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "store.url '"
            + JdbcUrls.redacted(jdbcUrl)
            + "' is neither H2 nor PostgreSQL: use jdbc:h2:file:./data/shipmate or"
            + " jdbc:postgresql://host:5432/shipmate");
  }
}
