package dev.shipmate.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads metric analysis: the checks of {@code analysis:}, the global {@code prometheus:}, each
 * cluster's {@code prometheus:} and each environment's {@code verify:}. Runs after clusters and
 * environments were read, so that a check named in {@code verify} and the Prometheus it needs are
 * judged against what exists.
 */
final class AnalysisReader {
  static final Keys CHECK =
      Keys.of(
          "prometheus",
          "cloudwatch",
          "interval",
          "duration",
          "count",
          "failureLimit",
          "inconclusive");
  static final Keys PROMETHEUS_QUERY = Keys.of("query", "max", "min");
  static final Keys CLOUDWATCH = Keys.of("alarm", "region");
  static final Keys PROMETHEUS = Keys.of("url");

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final int DEFAULT_COUNT = 5;

  /** {@code {word}}: a placeholder, or a mistake — PromQL's own braces always hold an operator. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private static final String QUERY_EXAMPLE =
      "e.g. prometheus: { query: 'sum(rate(http_requests_total{namespace=\"{namespace}\","
          + " code=~\"5..\"}[1m])) / sum(rate(http_requests_total{namespace=\"{namespace}\"}[1m]))',"
          + " max: 0.01 }";

  private AnalysisReader() {}

  static Analysis read(
      YamlMapping top,
      Optional<YamlMapping> clusterEntries,
      Optional<YamlMapping> environmentEntries,
      Map<String, Cluster> clusters,
      Map<String, Environment> environments) {
    Optional<String> global =
        top.mapping("prometheus", PROMETHEUS).flatMap(AnalysisReader::prometheusUrl);
    Map<String, String> perCluster = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : entries(clusterEntries)) {
      entry
          .value()
          .mapping(ClustersReader.KEYS, entry.keyLine())
          .flatMap(cluster -> cluster.mapping("prometheus", PROMETHEUS))
          .flatMap(AnalysisReader::prometheusUrl)
          .ifPresent(url -> perCluster.put(entry.key(), url));
    }

    Optional<YamlMapping> checkEntries =
        top.get("analysis").flatMap(v -> v.namedEntries("checks", top.lineOf("analysis")));
    Map<String, AnalysisCheck> checks = new LinkedHashMap<>();
    List<String> named = new ArrayList<>();
    for (YamlMapping.Entry entry : entries(checkEntries)) {
      named.add(entry.key());
      TypedNames.problem(entry.key()).ifPresent(m -> checkEntries.get().errorAt(entry.key(), m));
      entry
          .value()
          .mapping(CHECK, entry.keyLine())
          .flatMap(check -> check(entry.key(), check))
          .ifPresent(check -> checks.put(entry.key(), check));
    }

    Map<String, List<String>> verify = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : entries(environmentEntries)) {
      Optional<YamlMapping> environment =
          entry.value().mapping(EnvironmentsReader.KEYS, entry.keyLine());
      if (environment.isEmpty() || environment.get().get("verify").isEmpty()) {
        continue;
      }
      // Waves query every cluster they reach: name one without a Prometheus, if there is one.
      Optional<Environment> known = Optional.ofNullable(environments.get(entry.key()));
      Optional<String> cluster =
          known
              .flatMap(
                  e ->
                      e.clusters().stream()
                          .filter(c -> !perCluster.containsKey(c) && global.isEmpty())
                          .findFirst())
              .or(() -> known.map(Environment::cluster));
      Optional<String> prometheus =
          cluster.flatMap(c -> Optional.ofNullable(perCluster.get(c))).or(() -> global);
      environment
          .get()
          .read(
              "verify",
              value ->
                  value.texts(
                      name -> verifyProblem(name, named, checks, cluster, prometheus.isPresent())))
          .filter(names -> !names.isEmpty())
          .ifPresent(names -> verify.put(entry.key(), List.copyOf(names)));
    }
    return new Analysis(global, perCluster, checks, verify);
  }

  private static Optional<String> verifyProblem(
      String name,
      List<String> named,
      Map<String, AnalysisCheck> checks,
      Optional<String> cluster,
      boolean prometheus) {
    if (!named.contains(name)) {
      return Optional.of(Known.noSuch("check", name, named, "analysis"));
    }
    AnalysisCheck check = checks.get(name);
    if (check == null) {
      return Optional.empty(); // its own mistakes are reported under analysis:
    }
    if (check.source() instanceof AnalysisCheck.CloudWatch) {
      return Optional.of(
          "'"
              + name
              + "' is a CloudWatch check, which no deploy runs yet: use a prometheus check here");
    }
    if (!prometheus && cluster.isPresent()) {
      return Optional.of(
          "'"
              + name
              + "' queries Prometheus, and cluster "
              + cluster.get()
              + " has none: set prometheus: { url: … } at the top or under clusters."
              + cluster.get());
    }
    return Optional.empty();
  }

  private static Optional<AnalysisCheck> check(String name, YamlMapping check) {
    boolean hasPrometheus = check.get("prometheus").isPresent();
    boolean hasCloudWatch = check.get("cloudwatch").isPresent();
    if (hasPrometheus == hasCloudWatch) {
      check.errorAt(
          hasPrometheus ? "cloudwatch" : "prometheus",
          hasPrometheus
              ? "a check measures one thing: prometheus: or cloudwatch:, not both"
              : "what the check measures: " + QUERY_EXAMPLE + ", or cloudwatch: { alarm, region }");
      return Optional.empty();
    }
    Optional<AnalysisCheck.Source> source =
        hasPrometheus
            ? check.mapping("prometheus", PROMETHEUS_QUERY).flatMap(AnalysisReader::prometheusQuery)
            : check.mapping("cloudwatch", CLOUDWATCH).flatMap(AnalysisReader::cloudWatch);
    Duration interval = check.read("interval", YamlValue::duration).orElse(DEFAULT_INTERVAL);
    boolean hasDuration = check.get("duration").isPresent();
    boolean hasCount = check.get("count").isPresent();
    int count = DEFAULT_COUNT;
    boolean ok = source.isPresent();
    if (hasDuration && hasCount) {
      check.errorAt(
          "count", "give duration: or count:, not both (duration / interval measurements)");
      ok = false;
    } else if (hasCount) {
      Optional<Integer> n = check.wholeNumber("count", 1, "measurements");
      ok &= n.isPresent();
      count = n.orElse(count);
    } else if (hasDuration) {
      Optional<Duration> duration = check.read("duration", YamlValue::duration);
      ok &= duration.isPresent();
      if (duration.isPresent()) {
        // A measurement at the start and one every interval until the duration is over.
        count = (int) Math.min(10_000, duration.get().toMillis() / interval.toMillis() + 1);
      }
    }
    Optional<Integer> failureLimit = check.wholeNumber("failureLimit", 0, "failures allowed");
    ok &= check.get("failureLimit").isEmpty() || failureLimit.isPresent();
    if (failureLimit.isPresent() && failureLimit.get() >= count) {
      check.errorAt(
          "failureLimit",
          "allows "
              + failureLimit.get()
              + " failures of "
              + count
              + " measurements: the check could never fail; allow fewer than "
              + count);
      ok = false;
    }
    Optional<AnalysisCheck.Inconclusive> inconclusive = inconclusive(check);
    ok &= inconclusive.isPresent();
    return ok
        ? Optional.of(
            new AnalysisCheck(
                name, source.get(), interval, count, failureLimit.orElse(0), inconclusive.get()))
        : Optional.empty();
  }

  private static Optional<AnalysisCheck.Inconclusive> inconclusive(YamlMapping check) {
    Optional<String> text = check.text("inconclusive");
    if (text.isEmpty()) {
      return Optional.of(AnalysisCheck.Inconclusive.FAIL);
    }
    try {
      return Optional.of(AnalysisCheck.Inconclusive.valueOf(text.get().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      check.errorAt(
          "inconclusive",
          "expected fail or pass (what a measurement with no data counts as), got "
              + YamlValue.quote(text.get()));
      return Optional.empty();
    }
  }

  private static Optional<AnalysisCheck.Source> prometheusQuery(YamlMapping prometheus) {
    Optional<String> query =
        prometheus.requiredText("query", "the PromQL instant query, " + QUERY_EXAMPLE);
    query = query.filter(q -> placeholders(prometheus, q));
    Optional<Double> max = prometheus.read("max", YamlValue::number);
    Optional<Double> min = prometheus.read("min", YamlValue::number);
    boolean thresholds =
        (prometheus.get("max").isEmpty() || max.isPresent())
            && (prometheus.get("min").isEmpty() || min.isPresent());
    if (prometheus.get("max").isEmpty() && prometheus.get("min").isEmpty()) {
      prometheus.missing(
          "max", "the highest value that passes (or min: the lowest), e.g. max: 0.01");
      return Optional.empty();
    }
    if (max.isPresent() && min.isPresent() && min.get() > max.get()) {
      prometheus.errorAt(
          "min", "min " + min.get() + " is above max " + max.get() + ": no value could pass");
      return Optional.empty();
    }
    return query.isPresent() && thresholds
        ? Optional.of(new AnalysisCheck.Prometheus(query.get(), max, min))
        : Optional.empty();
  }

  private static boolean placeholders(YamlMapping prometheus, String query) {
    Matcher placeholder = PLACEHOLDER.matcher(query);
    while (placeholder.find()) {
      if (!AnalysisCheck.PLACEHOLDERS.contains(placeholder.group(1))) {
        prometheus.errorAt(
            "query",
            "unknown placeholder "
                + placeholder.group(0)
                + Suggestions.closest(placeholder.group(1), AnalysisCheck.PLACEHOLDERS)
                    .map(s -> ": did you mean {" + s + "}?")
                    .orElse("")
                + " (known: {"
                + String.join("}, {", AnalysisCheck.PLACEHOLDERS)
                + "})");
        return false;
      }
    }
    return true;
  }

  private static Optional<AnalysisCheck.Source> cloudWatch(YamlMapping cloudwatch) {
    Optional<String> alarm =
        cloudwatch.requiredText("alarm", "the CloudWatch alarm's name, e.g. alarm: web-5xx");
    Optional<String> region =
        cloudwatch.requiredText("region", "the alarm's AWS region, e.g. region: eu-west-1");
    return alarm.isPresent() && region.isPresent()
        ? Optional.of(new AnalysisCheck.CloudWatch(alarm.get(), region.get()))
        : Optional.empty();
  }

  private static Optional<String> prometheusUrl(YamlMapping prometheus) {
    Optional<String> url =
        prometheus.requiredText(
            "url", "the base URL of Prometheus' HTTP API, e.g. url: http://prometheus:9090");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    prometheus.errorAt(
        "url",
        "expected an http(s) URL such as http://prometheus:9090, got "
            + YamlValue.quote(url.get()));
    return Optional.empty();
  }

  private static List<YamlMapping.Entry> entries(Optional<YamlMapping> section) {
    return section.map(YamlMapping::entries).orElse(List.of());
  }
}
