package dev.shipmate.engine.store;

import java.util.Locale;

/** What the engine adds to a JDBC URL before it opens it. */
public final class JdbcUrls {
  private JdbcUrls() {}

  private static final String H2_FILE = "jdbc:h2:file:";
  private static final String H2_ASYNC = "jdbc:h2:async:";

  /**
   * Two changes to an H2 URL, none to others.
   *
   * <p>{@code WRITE_DELAY=0}, unless the URL sets its own: H2 delays commits by 500 ms by default,
   * so a process killed just after a commit loses it, and the journal promises the opposite.
   *
   * <p>{@code file:} becomes {@code async:}: with the default file system, one thread interrupted
   * during a write closes the database file for every connection (Quartz interrupts its own threads
   * when it shuts down). H2's {@code async:} file system is not affected.
   */
  public static String normalize(String url) {
    if (Vendor.of(url) != Vendor.H2) {
      return url;
    }
    String normalized = url;
    if (normalized.regionMatches(true, 0, H2_FILE, 0, H2_FILE.length())) {
      normalized = H2_ASYNC + normalized.substring(H2_FILE.length());
    }
    if (!normalized.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
      normalized = normalized + ";WRITE_DELAY=0";
    }
    return normalized;
  }

  /** The URL without anything after '?' or ';' that could hold a password. */
  public static String redacted(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int at = url.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return cut < url.length() ? url.substring(0, cut) + "…" : url;
  }
}
