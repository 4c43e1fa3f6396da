package dev.shipmate.sandbox.aws;

import java.util.Map;

/** What the stand-in answers: a status, a content type, a body and extra headers. */
public record AwsResponse(
    int status, String contentType, String body, Map<String, String> headers) {

  public AwsResponse {
    headers = Map.copyOf(headers);
  }

  public static AwsResponse xml(int status, String body) {
    return new AwsResponse(status, "text/xml", body, Map.of());
  }

  public static AwsResponse json(int status, String body) {
    return new AwsResponse(status, "application/json", body, Map.of());
  }

  public AwsResponse withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new AwsResponse(status, contentType, body, more);
  }
}
