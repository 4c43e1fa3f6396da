package dev.shipmate.bot.command;

import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.auth.Decision;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Environment;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.pipelines.deploy.DeployHistory;
import dev.shipmate.pipelines.deploy.DeployPreview;
import dev.shipmate.pipelines.deploy.DeployRequest;
import dev.shipmate.pipelines.deploy.KubernetesExceptionClassifier;
import dev.shipmate.pipelines.deploy.PlanRefusedException;
import dev.shipmate.pipelines.deploy.WhatsDeployed;
import dev.shipmate.pipelines.kubernetes.DeploymentGateways;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only side of {@code /deploy}: {@code --dry-run}, {@code /deploy history} and {@code
 * /whats-deployed}. None starts a run or changes a cluster. What reads a cluster runs off the ack
 * path, on {@code reads}, and answers the person privately once it has the answer; the ack only
 * says it is on its way.
 */
public final class DeployQueries {

  static final int HISTORY_LENGTH = 10;

  private static final Logger log = LoggerFactory.getLogger(DeployQueries.class);

  private final ShipmateConfig config;
  private final Engine engine;
  private final Authorizer authorizer;
  private final Optional<DeploymentGateways> clusters;
  private final PrivateReplies replies;
  private final Executor reads;
  private final KubernetesExceptionClassifier classifier = new KubernetesExceptionClassifier();

  /**
   * @param clusters how the clusters are read; empty when this bot runs without them (then a dry
   *     run and {@code /whats-deployed} say so)
   * @param reads where cluster reads run, never the thread that acknowledges the command
   */
  public DeployQueries(
      ShipmateConfig config,
      Engine engine,
      Authorizer authorizer,
      Optional<DeploymentGateways> clusters,
      PrivateReplies replies,
      Executor reads) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.clusters = Objects.requireNonNull(clusters, "clusters");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.reads = Objects.requireNonNull(reads, "reads");
  }

  /** {@code /deploy web v1.2 prod --dry-run}: the plan, sent privately once the cluster is read. */
  public String dryRun(Command.Deploy deploy, CommandOrigin origin) {
    if (clusters.isEmpty()) {
      return noClusters("plan a deploy");
    }
    DeployRequest request =
        new DeployRequest(deploy.service(), deploy.version(), deploy.environment());
    Optional<String> mayNot = permissionNote(deploy.environment(), origin.userId());
    DeployPreview preview = new DeployPreview(config, clusters.get());
    return later(
        origin,
        "Planning a deploy of "
            + deploy.service()
            + " "
            + deploy.version()
            + " to "
            + deploy.environment()
            + " (dry run: nothing will change); the plan follows here in a moment.",
        () ->
            "Dry run, nothing was changed and no run was started. "
                + preview.text(request)
                + mayNot.map(note -> "\n" + note).orElse(""),
        "plan " + deploy.service() + " in " + deploy.environment());
  }

  /** {@code /deploy history web prod}: from the engine's ledger, answered in the ack. */
  public String history(Command.DeployHistory history) {
    return DeployHistoryText.render(
        history.service(),
        history.environment(),
        engine.history(
            DeployHistory.target(history.service(), history.environment()), HISTORY_LENGTH),
        run -> engine.approvers(run.id()));
  }

  /** {@code /whats-deployed web}: the version in every environment, read live, sent privately. */
  public String whatsDeployed(Command.WhatsDeployed query, CommandOrigin origin) {
    if (clusters.isEmpty()) {
      return noClusters("read what is deployed");
    }
    WhatsDeployed whatsDeployed = new WhatsDeployed(config, clusters.get());
    return later(
        origin,
        "Reading which version of " + query.service() + " runs where; the answer follows here.",
        () -> whatsDeployed.report(query.service()).text(),
        "what is deployed of " + query.service());
  }

  /** A note for a dry run by someone who could not deploy it for real. */
  private Optional<String> permissionNote(String environmentName, String userId) {
    Optional<Environment> environment = config.environment(environmentName);
    if (environment.isEmpty()) {
      return Optional.empty();
    }
    Decision decision =
        authorizer.mayStart(
            userId, environment.get().name(), environment.get().policy(), "deploy", "deployers");
    return decision instanceof Decision.Refused refused
        ? Optional.of("Note: " + refused.rule())
        : Optional.empty();
  }

  private interface Answer {
    String text();
  }

  private String later(CommandOrigin origin, String ack, Answer answer, String what) {
    try {
      reads.execute(() -> replies.tell(origin.channelId(), origin.userId(), answer(answer, what)));
    } catch (RejectedExecutionException stopping) {
      return "Shipmate is stopping, so it cannot " + what + " now; try again in a minute.";
    }
    return ack;
  }

  private String answer(Answer answer, String what) {
    try {
      return answer.text();
    } catch (PlanRefusedException refused) {
      return "Cannot " + what + ":\n- " + String.join("\n- ", refused.problems());
    } catch (RuntimeException e) {
      log.warn("could not {}", what, e);
      String why =
          classifier
              .classify(e)
              .map(failure -> failure.message())
              .orElse("the cluster could not be read; the details are in Shipmate's log");
      return "Could not " + what + ": " + why + ". Nothing was changed; try again in a minute.";
    }
  }

  private static String noClusters(String what) {
    return "This Shipmate has no Kubernetes clusters wired, so it cannot "
        + what
        + "; nothing was started.";
  }
}
