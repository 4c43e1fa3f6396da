package dev.shipmate.pipelines.github;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's pagination: the {@code Link} header ({@code <https://…?page=2>; rel="next", <…>;
 * rel="last"}).
 */
final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
  private static final Pattern NEXT = Pattern.compile(";\\s*rel=\"?([^\";]*)\"?");

  private LinkHeader() {}

  /** The URL of the next page, if the header has one. */
  static Optional<String> next(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      Matcher rel = NEXT.matcher(link.group(2));
      while (rel.find()) {
        for (String value : rel.group(1).trim().split("\\s+")) {
          if (value.equals("next")) {
            return Optional.of(link.group(1));
          }
        }
      }
    }
    return Optional.empty();
  }
}
