package dev.shipmate.pipelines.deploy;

import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.pipelines.kubernetes.ConcurrentChangeException;
import dev.shipmate.pipelines.kubernetes.DeploymentNotFoundException;
import dev.shipmate.pipelines.kubernetes.UnknownContextException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Kubernetes side's exceptions mean for a run, registered with the engine by the bot.
 * Conflicts, throttling, server errors and an unreachable API are transient (the step is tried
 * again); a refused permission or a missing object is not, and says what is missing. The raw texts
 * stay in the log; the messages here are for people.
 */
public final class KubernetesExceptionClassifier implements ExceptionClassifier {
  private static final Set<Integer> TRANSIENT_CODES = Set.of(409, 429, 500, 502, 503, 504);

  /** How the API server words an RBAC refusal: {@code ... cannot patch resource "deployments"}. */
  private static final Pattern FORBIDDEN =
      Pattern.compile("cannot (\\w+) resource \"([^\"]+)\"(?:.*in the namespace \"([^\"]+)\")?");

  @Override
  public Optional<Failure> classify(Throwable thrown) {
    if (thrown instanceof ConcurrentChangeException
        || thrown instanceof DeploymentNotFoundException
        || thrown instanceof UnknownContextException) {
      // Their messages are written for people: what happened and what to do.
      return Optional.of(Failure.permanent(thrown.getMessage()));
    }
    if (thrown instanceof PlanRefusedException refused) {
      return Optional.of(Failure.user(String.join("\n", refused.problems())));
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return classify(k);
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> classify(KubernetesClientException e) {
    int code = e.getCode();
    String what = resource(e);
    if (TRANSIENT_CODES.contains(code)) {
      return Optional.of(
          Failure.transientFailure(
              "the Kubernetes API answered "
                  + code
                  + " ("
                  + reason(code)
                  + ") on "
                  + what
                  + "; trying again"));
    }
    if (code == 401) {
      return Optional.of(
          Failure.permanent(
              "the Kubernetes API did not accept Shipmate's credentials (401) on "
                  + what
                  + ": renew the token of its kubeconfig user for this cluster."));
    }
    if (code == 403) {
      return Optional.of(Failure.permanent(forbidden(e)));
    }
    if (code == 404) {
      return Optional.of(
          Failure.permanent(
              what
                  + " was not found: it was deleted or renamed, or the configuration names the"
                  + " wrong namespace or cluster."));
    }
    if (code <= 0 && unreachable(e)) {
      return Optional.of(
          Failure.transientFailure(
              "the Kubernetes API could not be reached (connection refused or timed out) on "
                  + what
                  + "; trying again"));
    }
    return Optional.empty();
  }

  /** {@code Shipmate's service account may not patch deployments in prod: …}. */
  private static String forbidden(KubernetesClientException e) {
    String message = e.getStatus() == null ? null : e.getStatus().getMessage();
    String verb = "use";
    String resource = e.getResourcePlural() == null ? "that resource" : e.getResourcePlural();
    String namespace = e.getNamespace();
    if (message != null) {
      Matcher matcher = FORBIDDEN.matcher(message);
      if (matcher.find()) {
        verb = matcher.group(1);
        resource = matcher.group(2);
        if (matcher.group(3) != null) {
          namespace = matcher.group(3);
        }
      }
    }
    return "Shipmate's service account may not "
        + verb
        + " "
        + resource
        + (namespace == null ? " in this cluster" : " in " + namespace)
        + ": grant it in Shipmate's Role (see deploy/ in the repository) and try again.";
  }

  /** {@code deployments web in namespace prod}, as far as the exception tells. */
  private static String resource(KubernetesClientException e) {
    StringBuilder text =
        new StringBuilder(e.getResourcePlural() == null ? "a request" : e.getResourcePlural());
    if (e.getName() != null) {
      text.append(' ').append(e.getName());
    }
    if (e.getNamespace() != null) {
      text.append(" in namespace ").append(e.getNamespace());
    }
    return text.toString();
  }

  private static boolean unreachable(Throwable thrown) {
    for (Throwable t = thrown.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String reason(int code) {
    return switch (code) {
      case 409 -> "conflict";
      case 429 -> "too many requests";
      case 503 -> "unavailable";
      case 504 -> "gateway timeout";
      default -> "server error";
    };
  }
}
