package dev.shipmate.config;

import java.util.Optional;

/**
 * {@code store:} — where runs, locks and Quartz's tables live. An H2 file by default, PostgreSQL in
 * production; the JDBC URL says which.
 */
public record StoreSettings(String url, Optional<String> username, Optional<Secret> password) {
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/shipmate";

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** Without a password written into the URL ({@code ?password=…}). */
  @Override
  public String toString() {
    return "StoreSettings[url="
        + Redaction.url(url)
        + ", username="
        + username
        + ", password="
        + password
        + "]";
  }
}
