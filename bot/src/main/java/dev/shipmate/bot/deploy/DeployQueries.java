package dev.shipmate.bot.deploy;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.bot.slack.render.Mrkdwn;
import dev.shipmate.commands.Command;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.run.Run;
import dev.shipmate.pipelines.deploy.DeployHistory;
import dev.shipmate.pipelines.deploy.DeployPreview;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.WhatsDeployed;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read-only side of {@code /deploy}: {@code --dry-run}, {@code /deploy history} and {@code
 * /whats-deployed}. None starts a run or changes a cluster. What reads a cluster is answered later,
 * off the ack's thread; the ack only says it is on its way.
 */
final class DeployQueries {

  static final int HISTORY_LENGTH = 10;

  private final ShipmateConfig config;
  private final Engine engine;
  private final Authorizer authorizer;
  private final Optional<DeploymentGateways> clusters;
  private final Function<Run, String> labels;

  /**
   * @param clusters how the clusters are read; empty when this bot runs without them (then a dry
   *     run and {@code /whats-deployed} say so)
   * @param labels what a run did, said where its service and environment are already said
   */
  DeployQueries(
      ShipmateConfig config,
      Engine engine,
      Authorizer authorizer,
      Optional<DeploymentGateways> clusters,
      Function<Run, String> labels) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.clusters = Objects.requireNonNull(clusters, "clusters");
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  /** {@code /deploy web v1.2 prod --dry-run}: the plan, sent privately once the cluster is read. */
  Reply dryRun(Command.Deploy deploy, CommandOrigin origin) {
    if (clusters.isEmpty()) {
      return noClusters("plan a deploy");
    }
    DeployRequest request =
        new DeployRequest(deploy.service(), deploy.version(), deploy.environment());
    Optional<String> mayNot = permissionNote(deploy.environment(), origin.userId());
    DeployPreview preview = new DeployPreview(config, clusters.get());
    return Reply.later(
        "Planning a deploy of "
            + deploy.service()
            + " "
            + deploy.version()
            + " to "
            + deploy.environment()
            + " (dry run: nothing will change); the plan follows here in a moment.",
        () ->
            "Dry run, nothing was changed and no run was started. "
                + Mrkdwn.escape(preview.text(request))
                + mayNot.map(note -> "\n" + note).orElse(""),
        "plan " + deploy.service() + " in " + deploy.environment());
  }

  /** {@code /deploy history web prod}: from the engine's ledger, answered in the ack. */
  Reply history(Command.DeployHistory history) {
    return Reply.answer(
        DeployHistoryText.render(
            history.service(),
            history.environment(),
            engine.history(
                DeployHistory.target(history.service(), history.environment()), HISTORY_LENGTH),
            run -> engine.approvers(run.id()),
            labels));
  }

  /** {@code /whats-deployed web}: the version in every environment, read live, sent privately. */
  Reply whatsDeployed(Command.WhatsDeployed query, CommandOrigin origin) {
    if (clusters.isEmpty()) {
      return noClusters("read what is deployed");
    }
    WhatsDeployed whatsDeployed = new WhatsDeployed(config, clusters.get());
    return Reply.later(
        "Reading which version of " + query.service() + " runs where; the answer follows here.",
        // Image tags read live from the clusters: escaped, so none can mention or link.
        () -> Mrkdwn.escape(whatsDeployed.report(query.service()).text()),
        "read what is deployed of " + query.service());
  }

  /**
   * What version of {@code service} runs in {@code environment} now, read live when called (off the
   * ack's thread): for the confirmation of a deploy or a rollback.
   */
  Supplier<String> currently(String service, String environment) {
    if (clusters.isEmpty()) {
      return () -> environment + ": unknown (no Kubernetes clusters are wired)";
    }
    WhatsDeployed whatsDeployed = new WhatsDeployed(config, clusters.get());
    return () -> whatsDeployed.in(service, environment);
  }

  /** A note for a dry run by someone who could not deploy it for real. */
  private Optional<String> permissionNote(String environmentName, String userId) {
    return DeploySlice.guard(config, environmentName)
        .map(guard -> authorizer.mayStart(userId, guard, "deploy"))
        .filter(decision -> decision instanceof Decision.Refused)
        .map(refused -> "Note: " + ((Decision.Refused) refused).rule());
  }

  private static Reply noClusters(String what) {
    return Reply.refusal(
        "This Shipmate has no Kubernetes clusters wired, so it cannot "
            + what
            + "; nothing was started.");
  }
}
