package dev.shipmate.pipelines.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Instant queries over Prometheus' HTTP API: {@code GET <base>/api/v1/query?query=…}, whose answer
 * is {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},
 * "value":[ts,"0.4"]}]}}} (or a {@code scalar}, {@code [ts,"0.4"]}). A query must come down to one
 * value; an empty vector or NaN is inconclusive, as is a Prometheus that does not answer. A query
 * Prometheus refuses ({@code "status":"error"}, 400 bad_data) is a {@link
 * PrometheusQueryException}.
 */
public final class PrometheusClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;

  public PrometheusClient(OkHttpClient http, Duration timeout) {
    Objects.requireNonNull(http, "http");
    this.http = http.newBuilder().callTimeout(timeout).build();
  }

  /**
   * @param baseUrl Prometheus' base URL, e.g. {@code http://prometheus:9090}
   * @throws PrometheusQueryException when Prometheus refuses the query or it gives several series
   */
  public Measurement query(String baseUrl, String promql) {
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (base == null) {
      throw new PrometheusQueryException("not a Prometheus URL: " + baseUrl);
    }
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("api/v1/query")
            .addQueryParameter("query", promql)
            .build();
    Request request =
        new Request.Builder().url(url).header("User-Agent", "shipmate-analysis").get().build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      JsonNode answer = parse(body);
      if (answer == null) {
        return new Measurement.Inconclusive(
            "Prometheus answered HTTP " + response.code() + " without JSON");
      }
      if (!"success".equals(answer.path("status").asText())) {
        String error =
            answer.path("errorType").asText("error") + ": " + answer.path("error").asText(body);
        if (response.code() == 400 || response.code() == 422) {
          throw new PrometheusQueryException("Prometheus refused the query (" + error + ")");
        }
        return new Measurement.Inconclusive(
            "Prometheus answered HTTP " + response.code() + " (" + error + ")");
      }
      return value(answer.path("data"));
    } catch (IOException e) {
      return new Measurement.Inconclusive(
          "Prometheus did not answer ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  private static Measurement value(JsonNode data) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    JsonNode sample;
    if (type.equals("scalar")) {
      sample = result;
    } else if (type.equals("vector")) {
      if (result.size() == 0) {
        return new Measurement.Inconclusive("no data (the query returned no series)");
      }
      if (result.size() > 1) {
        throw new PrometheusQueryException(
            "the query returned "
                + result.size()
                + " series, where one value is compared: aggregate it, e.g. with sum(…) or max(…)");
      }
      sample = result.get(0).path("value");
    } else {
      throw new PrometheusQueryException(
          "the query returned a "
              + type
              + ", where one value is compared: make it an instant vector");
    }
    // Prometheus writes infinities as +Inf and -Inf.
    String text = sample.path(1).asText("").replace("Inf", "Infinity");
    try {
      double value = Double.parseDouble(text);
      return Double.isNaN(value)
          ? new Measurement.Inconclusive("no data (the query's value is NaN)")
          : new Measurement.Value(value);
    } catch (NumberFormatException e) {
      return new Measurement.Inconclusive("no value in Prometheus' answer");
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
