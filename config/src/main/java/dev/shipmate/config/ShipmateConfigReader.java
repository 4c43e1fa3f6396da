package dev.shipmate.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads a whole configuration from its YAML tree: the names other sections refer to first (groups,
 * clusters), then every section, collecting every problem. A configuration comes out only when none
 * of them is an error.
 */
final class ShipmateConfigReader {
  static final Keys SECTIONS =
      Keys.of(
          "slack",
          "store",
          "groups",
          "clusters",
          "environments",
          "services",
          "previews",
          "cutovers",
          "drift",
          "deploy",
          "upgrade",
          "freezes",
          "analysis",
          "prometheus",
          "inFlight",
          "watchdogs");

  private ShipmateConfigReader() {}

  static Optional<ShipmateConfig> read(MappingNode root, ReadContext context, Path base) {
    YamlMapping top =
        new YamlMapping(root, "", root.getStartMark().getLine() + 1, SECTIONS, context);

    SlackSettings slack =
        SettingsReader.slack(section(top, "slack", SettingsReader.SLACK, context));
    StoreSettings store =
        SettingsReader.store(section(top, "store", SettingsReader.STORE, context));
    Map<String, List<String>> groups =
        GroupsReader.read(named(top, "groups", "lists of Slack user ids"));
    Optional<YamlMapping> clusterEntries = named(top, "clusters", "clusters");
    Known known = new Known(members(groups), clusterNames(clusterEntries));

    Map<String, Cluster> clusters = ClustersReader.read(clusterEntries, known);
    Optional<YamlMapping> environmentEntries = named(top, "environments", "environments");
    Map<String, Environment> environments =
        EnvironmentsReader.read(environmentEntries, known, slack.channel().isPresent());
    Optional<YamlMapping> serviceEntries = named(top, "services", "services");
    Map<String, Service> services = ServicesReader.read(serviceEntries);
    Optional<Previews> previews =
        top.mapping("previews", PreviewsReader.KEYS)
            .flatMap(p -> PreviewsReader.read(p, known, base));
    Optional<YamlMapping> cutoverEntries = named(top, "cutovers", "cutovers");
    Map<String, Cutover> cutovers = CutoversReader.read(cutoverEntries, known);
    Optional<Drift> drift =
        top.mapping("drift", DriftReader.KEYS).flatMap(d -> DriftReader.read(d, known));
    DeployTimings deploy =
        DeployTimingsReader.read(section(top, "deploy", DeployTimingsReader.KEYS, context));
    UpgradeTimings upgrade =
        UpgradeTimingsReader.read(section(top, "upgrade", UpgradeTimingsReader.KEYS, context));
    // Names as written, not as read: an environment with a mistake of its own is reported once,
    // not again by every freeze that names it.
    List<FreezeWindow> freezes =
        FreezesReader.read(
            named(top, "freezes", "freezes"),
            new LinkedHashSet<>(clusterNames(environmentEntries)),
            new LinkedHashSet<>(clusterNames(clusterEntries)),
            new LinkedHashSet<>(clusterNames(cutoverEntries)));

    Analysis analysis =
        AnalysisReader.read(
            top, clusterEntries, environmentEntries, cutoverEntries, clusters, environments);

    InFlightRules inFlight =
        ChangeControlReader.inFlight(
            section(top, "inFlight", ChangeControlReader.IN_FLIGHT, context));
    Watchdogs watchdogs =
        ChangeControlReader.watchdogs(
            section(top, "watchdogs", ChangeControlReader.WATCHDOGS, context));

    if (!context.problems().hasErrors()) {
      // A reader that gave up without saying why: never load a configuration missing a part.
      unread(clusterEntries, clusters.keySet()).forEach(YamlMapping.Entry::reportUnread);
      unread(environmentEntries, environments.keySet()).forEach(YamlMapping.Entry::reportUnread);
      unread(serviceEntries, services.keySet()).forEach(YamlMapping.Entry::reportUnread);
      unread(cutoverEntries, cutovers.keySet()).forEach(YamlMapping.Entry::reportUnread);
      top.entry("previews")
          .filter(e -> previews.isEmpty())
          .ifPresent(YamlMapping.Entry::reportUnread);
      top.entry("drift").filter(e -> drift.isEmpty()).ifPresent(YamlMapping.Entry::reportUnread);
    }
    if (context.problems().hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(
        new ShipmateConfig(
            slack,
            store,
            groups,
            clusters,
            environments,
            services,
            previews,
            cutovers,
            drift,
            deploy,
            upgrade,
            freezes,
            analysis,
            inFlight,
            watchdogs));
  }

  /** A section of settings; one left out is read as empty, so that its defaults apply. */
  private static YamlMapping section(YamlMapping top, String key, Keys keys, ReadContext context) {
    return top.mapping(key, keys).orElseGet(() -> YamlMapping.absent(key, keys, context));
  }

  private static Optional<YamlMapping> named(YamlMapping top, String key, String whatEachIs) {
    return top.get(key).flatMap(v -> v.namedEntries(whatEachIs, top.lineOf(key)));
  }

  /** The entries of a section that did not come out of reading it. */
  private static List<YamlMapping.Entry> unread(Optional<YamlMapping> section, Set<String> read) {
    return section.map(YamlMapping::entries).orElse(List.of()).stream()
        .filter(entry -> !read.contains(entry.key()))
        .toList();
  }

  private static Map<String, Set<String>> members(Map<String, List<String>> groups) {
    Map<String, Set<String>> members = new LinkedHashMap<>();
    groups.forEach((name, users) -> members.put(name, new LinkedHashSet<>(users)));
    return members;
  }

  /** The keys of a section of named entries, as written: {@code clusters:}, {@code cutovers:}. */
  private static List<String> clusterNames(Optional<YamlMapping> clusters) {
    return clusters
        .map(c -> c.entries().stream().map(YamlMapping.Entry::key).toList())
        .orElse(List.of());
  }
}
