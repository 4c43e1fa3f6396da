package dev.shipmate.config;

import java.util.regex.Pattern;

/**
 * Hides credentials written inside URLs — {@code https://user:pass@host}, {@code
 * https://TOKEN@host}, {@code ?password=…}, {@code ;PASSWORD=…} — wherever a URL from the
 * configuration is printed. Secrets in their own keys are {@link Secret}s already.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";

  private static final Pattern USER_AND_PASSWORD = Pattern.compile("(://[^/@:\\s]*):[^/@\\s]*@");
  private static final Pattern BARE_TOKEN = Pattern.compile("(?i)(https?://)[^/@:\\s]+@");
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)((?:password|passwd|pwd|token|secret|sslpassword)=)[^&;\\s]*");

  private Redaction() {}

  static String url(String url) {
    String out = USER_AND_PASSWORD.matcher(url).replaceAll("$1:" + REDACTED + "@");
    out = BARE_TOKEN.matcher(out).replaceAll("$1" + REDACTED + "@");
    return PARAMETER.matcher(out).replaceAll("$1" + REDACTED);
  }
}
