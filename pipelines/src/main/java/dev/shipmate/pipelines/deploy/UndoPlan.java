package dev.shipmate.pipelines.deploy;

import dev.shipmate.config.Service;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.PodTemplates;
import dev.shipmate.pipelines.kubernetes.Revision;
import dev.shipmate.pipelines.kubernetes.TemplateRestore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code kubectl rollout undo} would do to a Deployment, planned from a snapshot: which
 * ReplicaSet's template goes back (without its {@code pod-template-hash} label) and which
 * annotations the Deployment gets. Refused when the Deployment is paused, as kubectl refuses.
 * fabric8's own {@code undo()} keeps the hash label in the template; this does not.
 *
 * @param toRevision the revision restored; 0 when the template is no longer in the history (an undo
 *     of a recorded template whose ReplicaSet was since cleaned up)
 * @param replicaSet the ReplicaSet whose template is restored, when there is one
 * @param template the template to put back, without the hash label
 * @param annotations all the Deployment's annotations after the undo, as kubectl computes them
 * @param alreadyCurrent the Deployment already has that template: there is nothing to do
 */
public record UndoPlan(
    DeploymentRef deployment,
    long fromRevision,
    long toRevision,
    Optional<String> replicaSet,
    PodTemplateSpec template,
    Map<String, String> annotations,
    String expectedResourceVersion,
    boolean alreadyCurrent) {

  /**
   * The annotations an undo keeps from the Deployment rather than taking from the ReplicaSet:
   * kubectl's {@code annotationsToSkip}.
   */
  static final Set<String> DEPLOYMENT_OWN_ANNOTATIONS =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          Revision.REVISION_ANNOTATION,
          "deployment.kubernetes.io/revision-history",
          "deployment.kubernetes.io/desired-replicas",
          "deployment.kubernetes.io/max-replicas",
          "deprecated.deployment.rollback.to");

  public UndoPlan {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(replicaSet, "replicaSet");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(expectedResourceVersion, "expectedResourceVersion");
    annotations = Map.copyOf(annotations);
  }

  /**
   * Back to the previous revision: the ReplicaSet with the second-highest revision, as kubectl
   * picks it ({@code /rollback web prod}).
   *
   * @throws PlanRefusedException when the Deployment is paused or has no earlier revision
   */
  public static UndoPlan toPrevious(DeploymentSnapshot live) {
    refuseIfPaused(live);
    List<Revision> revisions = live.revisions();
    if (revisions.size() < 2) {
      throw new PlanRefusedException(
          "Deployment "
              + live.ref().name()
              + " in namespace "
              + live.ref().namespace()
              + " has no earlier revision to roll back to"
              + (revisions.isEmpty()
                  ? " (it has no rollout history)."
                  : " (only revision " + revisions.get(0).number() + " is kept)."));
    }
    Revision previous = revisions.get(revisions.size() - 2);
    return from(live, live.replicaSet(previous.replicaSet()).orElseThrow());
  }

  /**
   * Back to the newest revision whose service container ran {@code version} ({@code /rollback web
   * prod to v1.1}).
   *
   * @throws PlanRefusedException when the Deployment is paused or no kept revision ran it
   */
  public static UndoPlan toVersion(DeploymentSnapshot live, Service service, String version) {
    refuseIfPaused(live);
    String image = service.imageAt(version);
    Optional<ReplicaSet> target =
        live.revisions().stream()
            .sorted(Comparator.comparingLong(Revision::number).reversed())
            .map(r -> live.replicaSet(r.replicaSet()).orElseThrow())
            .filter(rs -> image.equals(serviceImage(service, rs).orElse(null)))
            .findFirst();
    if (target.isEmpty()) {
      String kept =
          live.revisions().stream()
              .map(
                  r ->
                      r.number()
                          + " ("
                          + serviceImage(service, live.replicaSet(r.replicaSet()).orElseThrow())
                              .map(ImageTags::version)
                              .orElse("no " + service.name() + " container")
                          + ")")
              .collect(Collectors.joining(", "));
      throw new PlanRefusedException(
          "No kept revision of Deployment "
              + live.ref().name()
              + " in namespace "
              + live.ref().namespace()
              + " ran "
              + image
              + (kept.isEmpty()
                  ? ": it has no rollout history."
                  : ". Kept revisions: "
                      + kept
                      + ". Roll back to one of those versions, or deploy "
                      + version
                      + " instead."));
    }
    return from(live, target.get());
  }

  /**
   * Back to a template recorded before a change (a deploy's automatic rollback): from the
   * ReplicaSet that still has it, as kubectl would; if the history no longer has it, the recorded
   * template itself, with the Deployment's annotations left as they are.
   *
   * @throws PlanRefusedException when the Deployment is paused
   */
  public static UndoPlan toTemplate(DeploymentSnapshot live, PodTemplateSpec recorded) {
    refuseIfPaused(live);
    Optional<ReplicaSet> kept =
        live.replicaSets().stream()
            .filter(rs -> PodTemplates.equalIgnoringHash(rs.getSpec().getTemplate(), recorded))
            .max(Comparator.comparingLong(rs -> Revision.of(rs).map(Revision::number).orElse(0L)));
    if (kept.isPresent()) {
      return from(live, kept.get());
    }
    Deployment deployment = live.deployment();
    return new UndoPlan(
        live.ref(),
        live.revision(),
        0,
        Optional.empty(),
        PodTemplates.withoutHash(recorded),
        Objects.requireNonNullElse(deployment.getMetadata().getAnnotations(), Map.of()),
        deployment.getMetadata().getResourceVersion(),
        PodTemplates.equalIgnoringHash(recorded, deployment.getSpec().getTemplate()));
  }

  /**
   * The write that makes the undo; {@code extraAnnotations} (say, a {@link ChangeCause} naming the
   * run) are laid over the annotations kubectl would write.
   */
  public TemplateRestore restore(Map<String, String> extraAnnotations) {
    Map<String, String> merged = new LinkedHashMap<>(annotations);
    merged.putAll(extraAnnotations);
    return new TemplateRestore(deployment, template, merged, expectedResourceVersion);
  }

  /** The image of each container after the undo. */
  public Map<String, String> images() {
    return PodTemplates.images(template);
  }

  /** The undo in a line: {@code prod/web: revision 5 → revision 4 (web: …/web:v1.1)}. */
  public String describe() {
    String images =
        images().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "));
    if (alreadyCurrent) {
      return deployment + " already runs that template (" + images + "): nothing to do";
    }
    String to = toRevision > 0 ? "revision " + toRevision : "the recorded template";
    return deployment + ": revision " + fromRevision + " → " + to + " (" + images + ")";
  }

  private static UndoPlan from(DeploymentSnapshot live, ReplicaSet replicaSet) {
    Deployment deployment = live.deployment();
    PodTemplateSpec template = replicaSet.getSpec().getTemplate();
    return new UndoPlan(
        live.ref(),
        live.revision(),
        Revision.of(replicaSet).map(Revision::number).orElse(0L),
        Optional.of(replicaSet.getMetadata().getName()),
        PodTemplates.withoutHash(template),
        annotations(deployment, replicaSet),
        deployment.getMetadata().getResourceVersion(),
        PodTemplates.equalIgnoringHash(template, deployment.getSpec().getTemplate()));
  }

  /** kubectl's rule: the Deployment keeps its own bookkeeping, the rest comes from the revision. */
  private static Map<String, String> annotations(Deployment deployment, ReplicaSet replicaSet) {
    Map<String, String> annotations = new LinkedHashMap<>();
    Objects.requireNonNullElse(deployment.getMetadata().getAnnotations(), Map.<String, String>of())
        .forEach(
            (key, value) -> {
              if (DEPLOYMENT_OWN_ANNOTATIONS.contains(key)) {
                annotations.put(key, value);
              }
            });
    Objects.requireNonNullElse(replicaSet.getMetadata().getAnnotations(), Map.<String, String>of())
        .forEach(
            (key, value) -> {
              if (!DEPLOYMENT_OWN_ANNOTATIONS.contains(key)) {
                annotations.put(key, value);
              }
            });
    return annotations;
  }

  private static Optional<String> serviceImage(Service service, ReplicaSet replicaSet) {
    return ServiceContainer.find(service, replicaSet.getSpec().getTemplate())
        .map(Container::getImage);
  }

  private static void refuseIfPaused(DeploymentSnapshot live) {
    if (Boolean.TRUE.equals(live.deployment().getSpec().getPaused())) {
      DeploymentRef ref = live.ref();
      throw new PlanRefusedException(
          "Deployment "
              + ref.name()
              + " in namespace "
              + ref.namespace()
              + " is paused, and a paused Deployment is not rolled back: resume it first"
              + " (kubectl rollout resume deployment/"
              + ref.name()
              + " -n "
              + ref.namespace()
              + ") and try again.");
    }
  }
}
