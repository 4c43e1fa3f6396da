package dev.shipmate.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, as loaded from {@code shipmate.yaml} and validated by {@link
 * ConfigLoader}. Every map keeps the order of the YAML file and is keyed by the entry's name, which
 * each entry also carries.
 */
public record ShipmateConfig(
    SlackSettings slack,
    StoreSettings store,
    Map<String, List<String>> groups,
    Map<String, Cluster> clusters,
    Map<String, Environment> environments,
    Map<String, Service> services,
    Optional<Previews> previews,
    Map<String, Cutover> cutovers,
    Optional<Drift> drift,
    DeployTimings deploy,
    UpgradeTimings upgrade,
    List<FreezeWindow> freezes,
    Analysis analysis,
    InFlightRules inFlight,
    Watchdogs watchdogs) {

  public ShipmateConfig {
    inFlight = java.util.Objects.requireNonNullElse(inFlight, InFlightRules.DEFAULTS);
    watchdogs = java.util.Objects.requireNonNullElse(watchdogs, Watchdogs.DEFAULTS);
    freezes = List.copyOf(java.util.Objects.requireNonNullElse(freezes, List.of()));
    groups = Ordered.copyOf(groups);
    clusters = Ordered.copyOf(clusters);
    environments = Ordered.copyOf(environments);
    services = Ordered.copyOf(services);
    cutovers = Ordered.copyOf(cutovers);
    deploy = java.util.Objects.requireNonNullElse(deploy, DeployTimings.DEFAULTS);
    upgrade = java.util.Objects.requireNonNullElse(upgrade, UpgradeTimings.DEFAULTS);
    analysis = java.util.Objects.requireNonNullElse(analysis, Analysis.NONE);
  }

  /** A configuration without {@code freezes:} and without metric {@code analysis:}. */
  public ShipmateConfig(
      SlackSettings slack,
      StoreSettings store,
      Map<String, List<String>> groups,
      Map<String, Cluster> clusters,
      Map<String, Environment> environments,
      Map<String, Service> services,
      Optional<Previews> previews,
      Map<String, Cutover> cutovers,
      Optional<Drift> drift,
      DeployTimings deploy,
      UpgradeTimings upgrade) {
    this(
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
        List.of(),
        Analysis.NONE,
        InFlightRules.DEFAULTS,
        Watchdogs.DEFAULTS);
  }

  /** The same configuration with other {@code freezes:}. */
  public ShipmateConfig withFreezes(List<FreezeWindow> windows) {
    return new ShipmateConfig(
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
        windows,
        analysis,
        inFlight,
        watchdogs);
  }

  /** The same configuration with other {@code slack:} settings. */
  public ShipmateConfig withSlack(SlackSettings settings) {
    return new ShipmateConfig(
        settings,
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
        watchdogs);
  }

  /** The same configuration with other {@code inFlight:} rules and {@code watchdogs:}. */
  public ShipmateConfig withChangeControl(InFlightRules rules, Watchdogs settings) {
    return new ShipmateConfig(
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
        rules,
        settings);
  }

  /** A configuration with the default {@code upgrade:} timings. */
  public ShipmateConfig(
      SlackSettings slack,
      StoreSettings store,
      Map<String, List<String>> groups,
      Map<String, Cluster> clusters,
      Map<String, Environment> environments,
      Map<String, Service> services,
      Optional<Previews> previews,
      Map<String, Cutover> cutovers,
      Optional<Drift> drift,
      DeployTimings deploy) {
    this(
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
        UpgradeTimings.DEFAULTS);
  }

  /** A configuration with the default {@code deploy:} and {@code upgrade:} timings. */
  public ShipmateConfig(
      SlackSettings slack,
      StoreSettings store,
      Map<String, List<String>> groups,
      Map<String, Cluster> clusters,
      Map<String, Environment> environments,
      Map<String, Service> services,
      Optional<Previews> previews,
      Map<String, Cutover> cutovers,
      Optional<Drift> drift) {
    this(
        slack,
        store,
        groups,
        clusters,
        environments,
        services,
        previews,
        cutovers,
        drift,
        DeployTimings.DEFAULTS,
        UpgradeTimings.DEFAULTS);
  }

  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public Optional<Environment> environment(String name) {
    return Optional.ofNullable(environments.get(name));
  }

  public Optional<Service> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  public Optional<Cutover> cutover(String name) {
    return Optional.ofNullable(cutovers.get(name));
  }
}
