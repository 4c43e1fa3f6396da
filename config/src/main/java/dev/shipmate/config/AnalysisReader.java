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
 * cluster's {@code prometheus:} and {@code analysis:} (after each upgrade batch), each
 * environment's {@code verify:} and each cutover's {@code analysis:} (every step's bake). Runs
 * after clusters and environments were read, so that a check named in {@code verify} and the
 * Prometheus it needs are judged against what exists.
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
      Optional<YamlMapping> cutoverEntries,
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
    // Where a place runs its checks: a cutover belongs to no cluster (the global Prometheus), an
    // upgrade to its own; each fills in only the placeholders it knows.
    Map<String, List<String>> cutover =
        places(
            cutoverEntries,
            CutoversReader.KEYS,
            name ->
                new Place(
                    "a cutover",
                    List.of(),
                    global.isPresent(),
                    "set prometheus: { url: … } at the top"),
            named,
            checks);
    Map<String, List<String>> upgrade =
        places(
            clusterEntries,
            ClustersReader.KEYS,
            name ->
                new Place(
                    "an upgrade",
                    List.of("cluster", "version"),
                    perCluster.containsKey(name) || global.isPresent(),
                    "set prometheus: { url: … } at the top or under clusters." + name),
            named,
            checks);
    return new Analysis(global, perCluster, checks, verify, cutover, upgrade);
  }

  /**
   * Where checks run besides a deploy's verify: what the run fills in, and whether Prometheus
   * answers there.
   *
   * @param what {@code a cutover}, {@code an upgrade}: for the messages
   * @param placeholders the placeholders the run fills in
   */
  private record Place(
      String what, List<String> placeholders, boolean prometheus, String prometheusHint) {}

  /** {@code <section>.NAME.analysis: [checks]} of each entry of a section. */
  private static Map<String, List<String>> places(
      Optional<YamlMapping> entries,
      Keys keys,
      java.util.function.Function<String, Place> placeOf,
      List<String> named,
      Map<String, AnalysisCheck> checks) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : entries(entries)) {
      Optional<YamlMapping> mapping = entry.value().mapping(keys, entry.keyLine());
      if (mapping.isEmpty() || mapping.get().get("analysis").isEmpty()) {
        continue;
      }
      Place place = placeOf.apply(entry.key());
      mapping
          .get()
          .read("analysis", value -> value.texts(name -> placeProblem(name, named, checks, place)))
          .filter(names -> !names.isEmpty())
          .ifPresent(names -> lists.put(entry.key(), List.copyOf(names)));
    }
    return lists;
  }

  private static Optional<String> placeProblem(
      String name, List<String> named, Map<String, AnalysisCheck> checks, Place place) {
    if (!named.contains(name)) {
      return Optional.of(Known.noSuch("check", name, named, "analysis"));
    }
    AnalysisCheck check = checks.get(name);
    if (check == null || !(check.source() instanceof AnalysisCheck.Prometheus prometheus)) {
      return Optional.empty(); // a CloudWatch alarm runs anywhere; mistakes are under analysis:
    }
    Matcher placeholder = PLACEHOLDER.matcher(prometheus.query());
    while (placeholder.find()) {
      if (!place.placeholders().contains(placeholder.group(1))) {
        return Optional.of(
            "'"
                + name
                + "' uses "
                + placeholder.group(0)
                + ", which "
                + place.what()
                + " does not fill in ("
                + (place.placeholders().isEmpty()
                    ? "it fills in none"
                    : "it fills in {" + String.join("}, {", place.placeholders()) + "}")
                + "): use a check whose query names what it measures");
      }
    }
    if (!place.prometheus()) {
      return Optional.of(
          "'"
              + name
              + "' queries Prometheus, and none answers for "
              + place.what()
              + " here: "
              + place.prometheusHint());
    }
    return Optional.empty();
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
              + "' is a CloudWatch check, which a deploy's verify does not run: use a prometheus"
              + " check here (cutovers and upgrades run CloudWatch checks)");
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
    // Without a region, the AWS SDK's own (AWS_REGION) is the alarm's.
    Optional<String> region = cloudwatch.text("region");
    return alarm.map(a -> new AnalysisCheck.CloudWatch(a, region));
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
