package dev.shipmate.sandbox.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to the AWS stand-in, as the SDK sent it.
 *
 * @param path the decoded path, e.g. {@code /2013-04-01/hostedzone/Z0EXAMPLE/rrset}
 * @param query the decoded query parameters (first value of each)
 * @param headers lower-cased header names
 */
public record AwsRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body) {

  public AwsRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** The body as {@code application/x-www-form-urlencoded} parameters: the Query protocol. */
  public Map<String, String> form() {
    return parseForm(bodyText());
  }

  /** Path segments without the empty first one: {@code /a/b} is {@code [a, b]}. */
  public List<String> segments() {
    return List.of(path.replaceAll("^/+|/+$", "").split("/+"));
  }

  public static Map<String, String> parseForm(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isBlank()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
