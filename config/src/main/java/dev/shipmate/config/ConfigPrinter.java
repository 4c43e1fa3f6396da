package dev.shipmate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration as YAML — every default filled in, every secret shown as {@code
 * <redacted>}, credentials inside URLs hidden — for {@code shipmate validate --print}. Read back by
 * {@link ConfigLoader}, it gives the same configuration, secrets aside.
 */
public final class ConfigPrinter {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private ConfigPrinter() {}

  public static String toYaml(ShipmateConfig config) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("slack", slack(config.slack()));
    root.put("store", store(config.store()));
    root.put("groups", groups(config));
    root.put("clusters", each(config.clusters(), ConfigPrinter::cluster));
    root.put("environments", each(config.environments(), ConfigPrinter::environment));
    root.put("services", each(config.services(), ConfigPrinter::service));
    config.previews().ifPresent(p -> root.put("previews", previews(p)));
    root.put("cutovers", each(config.cutovers(), ConfigPrinter::cutover));
    config.drift().ifPresent(d -> root.put("drift", drift(d)));
    root.put("deploy", deploy(config.deploy()));
    root.put("upgrade", upgrade(config.upgrade()));
    analysis(config.analysis(), root);
    root.put("inFlight", inFlight(config.inFlight()));
    root.put("watchdogs", watchdogs(config.watchdogs()));
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> slack(SlackSettings slack) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", text(slack.mode().name().toLowerCase(Locale.ROOT)));
    out.put("botToken", secret(slack.botToken()));
    out.put("signingSecret", secret(slack.signingSecret()));
    if (slack.mode() == SlackSettings.Mode.SOCKET || !slack.appToken().isBlank()) {
      out.put("appToken", secret(slack.appToken()));
    }
    put(out, "channel", slack.channel());
    return out;
  }

  private static Map<String, Object> store(StoreSettings store) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", text(Redaction.url(store.url())));
    put(out, "username", store.username());
    store.password().ifPresent(p -> out.put("password", secret(p)));
    return out;
  }

  private static Map<String, Object> groups(ShipmateConfig config) {
    Map<String, Object> out = new LinkedHashMap<>();
    config.groups().forEach((name, users) -> out.put(text(name), texts(users)));
    return out;
  }

  private static Map<String, Object> cluster(Cluster cluster) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("context", text(cluster.context()));
    out.put("provider", cluster.provider().name().toLowerCase(Locale.ROOT));
    cluster
        .eks()
        .ifPresent(
            eks -> {
              Map<String, Object> block = new LinkedHashMap<>();
              block.put("name", text(eks.name()));
              block.put("region", text(eks.region()));
              block.put("nodegroups", texts(eks.nodegroups()));
              out.put("eks", block);
            });
    cluster
        .asg()
        .ifPresent(
            asg -> {
              Map<String, Object> block = new LinkedHashMap<>();
              block.put("region", text(asg.region()));
              block.put("groups", texts(asg.groups()));
              put(block, "controlPlane", asg.controlPlane());
              block.put("maxUnavailable", asg.maxUnavailable());
              Map<String, Object> image = new LinkedHashMap<>();
              image.put("name", text(asg.image().name()));
              image.put("owner", text(asg.image().owner()));
              block.put("image", image);
              out.put("asg", block);
            });
    policy(out, "operators", cluster.policy());
    return out;
  }

  private static Map<String, Object> environment(Environment environment) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (environment.inWaves()) {
      out.put("waves", environment.waves().stream().map(ConfigPrinter::texts).toList());
      if (!environment.bake().isZero()) {
        out.put("bake", duration(environment.bake()));
      }
    } else {
      out.put("cluster", text(environment.cluster()));
    }
    out.put("namespace", text(environment.namespace()));
    put(out, "channel", environment.channel());
    policy(out, "deployers", environment.policy());
    return out;
  }

  private static Map<String, Object> service(Service service) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("image", text(service.image()));
    out.put("deployments", texts(service.deployments()));
    put(out, "container", service.container());
    return out;
  }

  private static Map<String, Object> previews(Previews previews) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", text(previews.cluster()));
    out.put("namespace", text(previews.namespace()));
    out.put("host", text(previews.host()));
    out.put("manifests", text(previews.manifests()));
    out.put("ttl", duration(previews.ttl()));
    out.put("limit", previews.limit());
    put(out, "image", previews.image());
    previews.github().ifPresent(g -> out.put("github", Map.of("repo", text(g.repo()))));
    put(out, "channel", previews.channel());
    put(out, "serviceAccount", previews.serviceAccount().map(Object::toString));
    return out;
  }

  private static Map<String, Object> cutover(Cutover cutover) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", text(cutover.zone()));
    out.put("record", text(cutover.record()));
    out.put("type", cutover.type());
    out.put("blue", text(cutover.blue()));
    out.put("green", text(cutover.green()));
    Cutover.Health health = cutover.health();
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("url", text(Redaction.url(health.url())));
    probe.put("minSuccess", health.minSuccess());
    health.maxLatency().ifPresent(d -> probe.put("maxLatency", duration(d)));
    probe.put("interval", duration(health.interval()));
    put(probe, "alarm", health.alarm());
    out.put("health", probe);
    out.put("bake", duration(cutover.bake()));
    policy(out, "operators", cutover.policy());
    return out;
  }

  private static Map<String, Object> deploy(DeployTimings deploy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("failureGrace", duration(deploy.failureGrace()));
    out.put("pollInterval", duration(deploy.pollInterval()));
    out.put("rolloutTimeout", duration(deploy.rolloutTimeout()));
    return out;
  }

  private static Map<String, Object> upgrade(UpgradeTimings upgrade) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("drainTimeout", duration(upgrade.drainTimeout()));
    out.put("joinTimeout", duration(upgrade.joinTimeout()));
    out.put("validateTimeout", duration(upgrade.validateTimeout()));
    return out;
  }

  private static Map<String, Object> inFlight(InFlightRules rules) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FreezeBlock kind : FreezeBlock.values()) {
      out.put(kind.word(), text(rules.of(kind).word()));
    }
    return out;
  }

  private static Map<String, Object> watchdogs(Watchdogs watchdogs) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("every", duration(watchdogs.every()));
    out.put("stuckFactor", watchdogs.stuckFactor());
    out.put("stuckAfter", duration(watchdogs.stuckAfter()));
    out.put("approvalTimeout", duration(watchdogs.approvalTimeout()));
    out.put("previewWarning", duration(watchdogs.previewWarning()));
    return out;
  }

  private static Map<String, Object> drift(Drift drift) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schedule", text(drift.schedule()));
    out.put("channel", text(drift.channel()));
    Drift.Source source = drift.source();
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("git", text(Redaction.url(source.git())));
    from.put("branch", text(source.branch()));
    from.put("path", text(source.path()));
    source.token().ifPresent(t -> from.put("token", secret(t)));
    out.put("source", from);
    out.put("clusters", texts(drift.clusters()));
    out.put(
        "ignore",
        drift.ignore().stream()
            .map(
                rule -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("kind", text(rule.kind()));
                  put(item, "namespace", rule.namespace());
                  put(item, "name", rule.name());
                  item.put("pointers", texts(rule.pointers()));
                  return item;
                })
            .toList());
    return out;
  }

  private static void policy(Map<String, Object> out, String allowedKey, Policy policy) {
    out.put(allowedKey, policy.allowed().stream().map(Principal::text).toList());
    out.put("approvers", policy.approvers().stream().map(Principal::text).toList());
    out.put("approvals", policy.approvals());
    out.put("confirm", policy.confirm());
    if (policy.queue()) {
      out.put("queue", true);
    }
    Notifications notify = policy.notifications();
    Map<String, Object> notifications = new LinkedHashMap<>();
    notifications.put("approvers", notify.approvers());
    notifications.put("requester", notify.requester());
    notifications.put("channel", notify.channel().name().toLowerCase(Locale.ROOT));
    out.put("notify", notifications);
  }

  /**
   * {@code prometheus:} and {@code analysis:} at the top, and each cluster's {@code prometheus} and
   * environment's {@code verify} where they are written.
   */
  @SuppressWarnings("unchecked")
  private static void analysis(Analysis analysis, Map<String, Object> root) {
    Map<String, Object> clusters = (Map<String, Object>) root.get("clusters");
    analysis
        .clusterPrometheus()
        .forEach(
            (name, url) ->
                ((Map<String, Object>) clusters.get(name))
                    .put("prometheus", Map.of("url", text(Redaction.url(url)))));
    Map<String, Object> environments = (Map<String, Object>) root.get("environments");
    analysis
        .verify()
        .forEach(
            (name, checks) ->
                ((Map<String, Object>) environments.get(name)).put("verify", texts(checks)));
    analysis
        .upgrades()
        .forEach(
            (name, checks) ->
                ((Map<String, Object>) clusters.get(name)).put("analysis", texts(checks)));
    Map<String, Object> cutovers = (Map<String, Object>) root.get("cutovers");
    analysis
        .cutovers()
        .forEach(
            (name, checks) ->
                ((Map<String, Object>) cutovers.get(name)).put("analysis", texts(checks)));
    analysis
        .prometheus()
        .ifPresent(url -> root.put("prometheus", Map.of("url", text(Redaction.url(url)))));
    if (!analysis.checks().isEmpty()) {
      root.put("analysis", each(analysis.checks(), ConfigPrinter::check));
    }
  }

  private static Map<String, Object> check(AnalysisCheck check) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (check.source() instanceof AnalysisCheck.Prometheus prometheus) {
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("query", text(prometheus.query()));
      prometheus.max().ifPresent(max -> query.put("max", max));
      prometheus.min().ifPresent(min -> query.put("min", min));
      out.put("prometheus", query);
    } else {
      AnalysisCheck.CloudWatch alarm = (AnalysisCheck.CloudWatch) check.source();
      Map<String, Object> cloudwatch = new LinkedHashMap<>();
      cloudwatch.put("alarm", text(alarm.alarm()));
      alarm.region().ifPresent(region -> cloudwatch.put("region", text(region)));
      out.put("cloudwatch", cloudwatch);
    }
    out.put("interval", duration(check.interval()));
    out.put("count", check.count());
    out.put("failureLimit", check.failureLimit());
    out.put("inconclusive", check.inconclusive().name().toLowerCase(Locale.ROOT));
    return out;
  }

  private static <T> Map<String, Object> each(
      Map<String, T> entries, java.util.function.Function<T, Map<String, Object>> printer) {
    Map<String, Object> out = new LinkedHashMap<>();
    entries.forEach((name, entry) -> out.put(name, printer.apply(entry)));
    return out;
  }

  private static void put(Map<String, Object> out, String key, Optional<String> value) {
    value.ifPresent(v -> out.put(key, text(v)));
  }

  private static String secret(Secret secret) {
    return secret.isBlank() ? "" : Redaction.REDACTED;
  }

  private static String duration(Duration duration) {
    return Durations.format(duration);
  }

  /** Text as the loader will read it back: a literal '${' is written '$${'. */
  private static String text(String value) {
    return value.replace("${", "$${");
  }

  private static List<String> texts(List<String> values) {
    return values.stream().map(ConfigPrinter::text).toList();
  }
}
