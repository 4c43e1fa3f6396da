package dev.shipmate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code cutovers:}: weighted Route53 record pairs that traffic is shifted across. */
final class CutoversReader {
  static final Keys KEYS =
      Keys.of(
              "zone",
              "record",
              "type",
              "blue",
              "green",
              "health",
              "bake",
              "operators",
              "approvers",
              "approvals",
              "confirm",
              "queue",
              "notify",
              "analysis")
          .withHint("deployers", "cutovers name who may shift traffic with 'operators'");
  static final Keys HEALTH = Keys.of("url", "minSuccess", "maxLatency", "interval", "alarm");

  private static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME");
  private static final String ZONE_PREFIX = "/hostedzone/";

  private CutoversReader() {}

  static Map<String, Cutover> read(Optional<YamlMapping> cutovers, Known known) {
    Map<String, Cutover> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : cutovers.map(YamlMapping::entries).orElse(List.of())) {
      String name = entry.key();
      Optional<String> badName = TypedNames.problem(name);
      badName.ifPresent(message -> cutovers.get().errorAt(name, message));
      entry
          .value()
          .mapping(KEYS, entry.keyLine())
          .flatMap(cutover -> cutover(name, cutover, known))
          .filter(c -> badName.isEmpty())
          .ifPresent(c -> result.put(name, c));
    }
    return result;
  }

  private static Optional<Cutover> cutover(String name, YamlMapping cutover, Known known) {
    Optional<String> zone = zone(cutover);
    Optional<String> record = record(cutover);
    Optional<String> type =
        cutover
            .requiredText("type", "the record type: A, AAAA or CNAME")
            .map(t -> t.toUpperCase(Locale.ROOT))
            .filter(
                t -> {
                  if (!TYPES.contains(t)) {
                    cutover.errorAt("type", "expected A, AAAA or CNAME, got " + YamlValue.quote(t));
                  }
                  return TYPES.contains(t);
                });
    Optional<String> blue =
        cutover.requiredText(
            "blue", "the set identifier of the weighted record serving now, e.g. blue: blue");
    Optional<String> green =
        cutover.requiredText(
            "green", "the set identifier of the weighted record to shift to, e.g. green: green");
    boolean distinct = true;
    if (blue.isPresent() && blue.equals(green)) {
      cutover.errorAt(
          "green",
          "blue and green are both "
              + YamlValue.quote(blue.get())
              + ": they name the two weighted records and must differ");
      distinct = false;
    }
    Optional<Cutover.Health> health =
        cutover
            .requiredMapping(
                "health",
                HEALTH,
                "the probe that judges the green side, e.g. health: { url:"
                    + " https://green.example.com/healthz }")
            .flatMap(CutoversReader::health);
    Duration bake = cutover.read("bake", YamlValue::duration).orElse(Cutover.DEFAULT_BAKE);
    Policy policy = PolicyReader.read(cutover, PolicyReader.Role.OPERATOR, known);
    if (policy.allowed().isEmpty()) {
      cutover.warning(
          "no operators: anyone in the workspace may shift traffic on "
              + name
              + " — add operators: [group:…]");
    }
    if (zone.isEmpty()
        || record.isEmpty()
        || type.isEmpty()
        || blue.isEmpty()
        || green.isEmpty()
        || !distinct
        || health.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Cutover(
            name,
            zone.get(),
            record.get(),
            type.get(),
            blue.get(),
            green.get(),
            health.get(),
            bake,
            policy));
  }

  /**
   * A hosted zone id, as the console shows it; the API's {@code /hostedzone/} prefix is dropped.
   */
  private static Optional<String> zone(YamlMapping cutover) {
    Optional<String> zone =
        cutover
            .requiredText("zone", "the Route53 hosted zone id, e.g. zone: Z0EXAMPLE")
            .map(z -> z.startsWith(ZONE_PREFIX) ? z.substring(ZONE_PREFIX.length()) : z);
    if (zone.isPresent() && !zone.get().matches("[A-Z0-9]{1,32}")) {
      cutover.errorAt(
          "zone",
          "expected a hosted zone id like Z0EXAMPLE (Route53 → Hosted zones → Hosted zone ID), got "
              + YamlValue.quote(zone.get()));
      return Optional.empty();
    }
    return zone;
  }

  /** The record's name, lowercase and fully qualified (ending in '.') as Route53 answers it. */
  private static Optional<String> record(YamlMapping cutover) {
    Optional<String> record =
        cutover
            .requiredText(
                "record", "the name of the weighted records, e.g. record: www.example.com.")
            .map(r -> r.toLowerCase(Locale.ROOT));
    if (record.isEmpty()) {
      return record;
    }
    String bare =
        record.get().endsWith(".")
            ? record.get().substring(0, record.get().length() - 1)
            : record.get();
    if (!DnsNames.isSubdomain(bare)) {
      cutover.errorAt(
          "record",
          "expected a DNS name like www.example.com., got " + YamlValue.quote(record.get()));
      return Optional.empty();
    }
    return Optional.of(bare + ".");
  }

  private static Optional<Cutover.Health> health(YamlMapping health) {
    Optional<String> url =
        health
            .requiredText(
                "url", "the green side's health URL, e.g. url: https://green.example.com/healthz")
            .filter(
                u -> {
                  boolean ok = isHttpUrl(u);
                  if (!ok) {
                    health.errorAt(
                        "url",
                        "expected an http:// or https:// URL, got "
                            + YamlValue.quote(Redaction.url(u)));
                  }
                  return ok;
                });
    double minSuccess =
        health
            .get("minSuccess")
            .flatMap(
                v ->
                    v.number()
                        .filter(
                            n -> {
                              if (n < 0 || n > 1) {
                                v.error(
                                    "expected a share between 0 and 1 (0.99 = 99% of probes), got "
                                        + n);
                              }
                              return n >= 0 && n <= 1;
                            }))
            .orElse(Cutover.Health.DEFAULT_MIN_SUCCESS);
    Optional<Duration> maxLatency = health.read("maxLatency", YamlValue::duration);
    Duration interval =
        health.read("interval", YamlValue::duration).orElse(Cutover.Health.DEFAULT_INTERVAL);
    Optional<String> alarm = health.text("alarm");
    return url.map(u -> new Cutover.Health(u, minSuccess, maxLatency, interval, alarm));
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
