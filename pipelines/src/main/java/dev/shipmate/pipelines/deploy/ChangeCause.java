package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.kubernetes.Revision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a Deployment changed, written on it so that {@code kubectl rollout history} and the next
 * person to look can tell: the run, who asked, and what was asked ({@code deploy web v1.2}).
 */
public record ChangeCause(String runId, String requester, String action) {

  /** The annotation naming the run, so that a re-entered step can recognise its own change. */
  public static final String RUN_ANNOTATION = "shipmate.dev/run";

  public ChangeCause {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(action, "action");
  }

  public static ChangeCause deploy(String runId, String requester, String service, String version) {
    return new ChangeCause(runId, requester, "deploy " + service + " " + version);
  }

  public static ChangeCause rollback(String runId, String requester, String service, String to) {
    return new ChangeCause(runId, requester, "roll back " + service + " to " + to);
  }

  /** {@code shipmate run d-4k2p by U01SRE1: deploy web v1.2}. */
  public String text() {
    return "shipmate run " + runId + " by " + requester + ": " + action;
  }

  /** The change-cause and run annotations to write with the change. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Revision.CHANGE_CAUSE_ANNOTATION, text());
    annotations.put(RUN_ANNOTATION, runId);
    return annotations;
  }

  /**
   * Whether the Deployment's last change by Shipmate was made by run {@code runId}: how a step that
   * is entered again recognises its own write instead of making it twice.
   */
  public static boolean madeBy(Deployment deployment, String runId) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return annotations != null && runId.equals(annotations.get(RUN_ANNOTATION));
  }

  /** The Deployment's change-cause annotation, for messages; "none" when it has none. */
  public static String lastCause(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    String text = annotations == null ? null : annotations.get(Revision.CHANGE_CAUSE_ANNOTATION);
    return text == null ? "none" : text;
  }
}
