package dev.shipmate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code drift:}: when to compare the clusters with git, where from, and what to skip. */
final class DriftReader {
  static final Keys KEYS = Keys.of("schedule", "channel", "source", "clusters", "ignore");
  static final Keys SOURCE = Keys.of("git", "branch", "path", "token");
  static final Keys IGNORE = Keys.of("kind", "namespace", "name", "pointers");

  private DriftReader() {}

  static Optional<Drift> read(YamlMapping drift, Known known) {
    Optional<String> schedule =
        drift
            .requiredText(
                "schedule", "a Quartz cron expression, e.g. schedule: " + CronShape.EXAMPLE)
            .filter(
                s -> {
                  Optional<String> problem = CronShape.problem(s);
                  problem.ifPresent(m -> drift.errorAt("schedule", m));
                  return problem.isEmpty();
                });
    Optional<String> channel =
        drift.requiredText(
            "channel", "the Slack channel scheduled reports go to, e.g. channel: C0DRIFT");
    Optional<Drift.Source> source =
        drift
            .requiredMapping(
                "source",
                SOURCE,
                "the git repository of the desired state, e.g. source: { git:"
                    + " https://git.example.com/acme/k8s.git, path: clusters/{cluster} }")
            .flatMap(DriftReader::source);
    List<String> clusters =
        drift.get("clusters").flatMap(v -> v.texts(known::clusterProblem)).orElse(List.of());
    List<Drift.Ignore> ignore = ignore(drift);
    if (schedule.isEmpty() || channel.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Drift(schedule.get(), channel.get(), source.get(), clusters, ignore));
  }

  private static Optional<Drift.Source> source(YamlMapping source) {
    Optional<String> git =
        source.requiredText(
            "git", "the repository: https://…, ssh://…, git@host:owner/repo.git or a local path");
    String branch = source.text("branch").orElse(Drift.Source.DEFAULT_BRANCH);
    Optional<String> path =
        source.requiredText(
            "path",
            "the folder of manifests in the repository ({cluster} is the cluster's name), e.g."
                + " path: clusters/{cluster}");
    Optional<Secret> token = SettingsReader.secret(source, "token").filter(s -> !s.isBlank());
    return git.isPresent() && path.isPresent()
        ? Optional.of(new Drift.Source(git.get(), branch, path.get(), token))
        : Optional.empty();
  }

  private static List<Drift.Ignore> ignore(YamlMapping drift) {
    List<Drift.Ignore> ignores = new ArrayList<>();
    for (YamlValue item : drift.get("ignore").flatMap(YamlValue::list).orElse(List.of())) {
      item.mapping(IGNORE, item.line()).flatMap(DriftReader::ignoreRule).ifPresent(ignores::add);
    }
    return ignores;
  }

  private static Optional<Drift.Ignore> ignoreRule(YamlMapping rule) {
    Optional<String> kind =
        rule.requiredText("kind", "the kind of object the rule applies to, e.g. kind: Deployment");
    Optional<List<String>> pointers =
        rule.requiredTexts(
            "pointers",
            "the JSON pointers not to compare, e.g. pointers: [/spec/replicas]",
            p ->
                p.startsWith("/")
                    ? Optional.empty()
                    : Optional.of(
                        "expected a JSON pointer like /spec/replicas, got " + YamlValue.quote(p)));
    return kind.isPresent() && pointers.isPresent()
        ? Optional.of(
            new Drift.Ignore(kind.get(), rule.text("namespace"), rule.text("name"), pointers.get()))
        : Optional.empty();
  }
}
