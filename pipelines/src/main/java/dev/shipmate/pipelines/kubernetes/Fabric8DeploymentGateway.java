package dev.shipmate.pipelines.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeploymentGateway} over a fabric8 client. ReplicaSets and pods are found the way the
 * Deployment controller and kubectl find them: listed by the Deployment's selector, then kept only
 * when controlled by the Deployment (or by one of its ReplicaSets), so that another workload with
 * overlapping labels is never mistaken for ours.
 */
public final class Fabric8DeploymentGateway implements DeploymentGateway {
  private static final Logger log = LoggerFactory.getLogger(Fabric8DeploymentGateway.class);

  private final KubernetesClient client;

  public Fabric8DeploymentGateway(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Optional<DeploymentSnapshot> snapshot(DeploymentRef ref) {
    Deployment deployment = deployment(ref).get();
    if (deployment == null) {
      return Optional.empty();
    }
    LabelSelector selector = deployment.getSpec().getSelector();
    List<ReplicaSet> replicaSets =
        controlledBy(
            Set.of(deployment.getMetadata().getUid()),
            selected(client.apps().replicaSets().inNamespace(ref.namespace()), selector)
                .list()
                .getItems());
    Set<String> replicaSetUids =
        replicaSets.stream().map(rs -> rs.getMetadata().getUid()).collect(Collectors.toSet());
    List<Pod> pods =
        controlledBy(
            replicaSetUids,
            selected(client.pods().inNamespace(ref.namespace()), selector).list().getItems());
    return Optional.of(new DeploymentSnapshot(deployment, replicaSets, pods));
  }

  @Override
  public Deployment setImage(ImageChange change) {
    DeploymentRef ref = change.deployment();
    Deployment current = current(ref, change.expectedResourceVersion());
    int index = containerIndex(current, change.container());
    JsonPatch patch =
        new JsonPatch()
            .requireResourceVersion(change.expectedResourceVersion())
            .replace(
                JsonPatch.pointer("spec", "template", "spec", "containers", index, "image"),
                change.image());
    addAnnotations(patch, current, change.annotations());
    return apply(ref, patch, change.expectedResourceVersion());
  }

  @Override
  public Deployment restoreTemplate(TemplateRestore restore) {
    // No read first: the resourceVersion in the patch alone makes the write conditional.
    DeploymentRef ref = restore.deployment();
    JsonPatch patch =
        new JsonPatch()
            .requireResourceVersion(restore.expectedResourceVersion())
            .replace("/spec/template", restore.template())
            .add("/metadata/annotations", restore.annotations());
    return apply(ref, patch, restore.expectedResourceVersion());
  }

  @Override
  public DeploymentWatch watch(DeploymentRef ref, DeploymentListener listener) {
    Deployment deployment = deployment(ref).get();
    if (deployment == null) {
      throw new DeploymentNotFoundException(ref);
    }
    LabelSelector selector = deployment.getSpec().getSelector();
    List<Watch> watches = new ArrayList<>();
    try {
      watches.add(deployment(ref).watch(new Wake<>(ref, listener)));
      watches.add(
          selected(client.apps().replicaSets().inNamespace(ref.namespace()), selector)
              .watch(new Wake<>(ref, listener)));
      watches.add(
          selected(client.pods().inNamespace(ref.namespace()), selector)
              .watch(new Wake<>(ref, listener)));
    } catch (RuntimeException e) {
      watches.forEach(Watch::close);
      throw e;
    }
    return () -> watches.forEach(Watch::close);
  }

  @Override
  public List<Revision> history(DeploymentRef ref) {
    return snapshot(ref).orElseThrow(() -> new DeploymentNotFoundException(ref)).revisions();
  }

  private RollableScalableResource<Deployment> deployment(DeploymentRef ref) {
    return client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name());
  }

  /** The Deployment now, refused before any write when it is not the version the caller read. */
  private Deployment current(DeploymentRef ref, String expectedResourceVersion) {
    Deployment current = deployment(ref).get();
    if (current == null) {
      throw new DeploymentNotFoundException(ref);
    }
    String actual = current.getMetadata().getResourceVersion();
    if (!expectedResourceVersion.equals(actual)) {
      throw new ConcurrentChangeException(ref, expectedResourceVersion, actual);
    }
    return current;
  }

  private Deployment apply(DeploymentRef ref, JsonPatch patch, String expectedResourceVersion) {
    String json = client.getKubernetesSerialization().asJson(patch.operations());
    try {
      return deployment(ref).patch(PatchContext.of(PatchType.JSON), json);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new ConcurrentChangeException(ref, expectedResourceVersion, "a newer one");
      }
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new DeploymentNotFoundException(ref);
      }
      throw e;
    }
  }

  private static int containerIndex(Deployment deployment, String name) {
    List<Container> containers = PodTemplates.containers(deployment.getSpec().getTemplate());
    for (int i = 0; i < containers.size(); i++) {
      if (name.equals(containers.get(i).getName())) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "Deployment "
            + deployment.getMetadata().getName()
            + " has no container named '"
            + name
            + "' (its containers: "
            + containers.stream().map(Container::getName).collect(Collectors.joining(", "))
            + ")");
  }

  /** One op per key, or the whole map when there are no annotations yet to add to. */
  private static void addAnnotations(
      JsonPatch patch, Deployment current, Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return;
    }
    Map<String, String> existing = current.getMetadata().getAnnotations();
    if (existing == null || existing.isEmpty()) {
      patch.add("/metadata/annotations", annotations);
      return;
    }
    annotations.forEach(
        (key, value) -> patch.add(JsonPatch.pointer("metadata", "annotations", key), value));
  }

  private static <T, L> FilterWatchListDeletable<T, L, ?> selected(
      FilterWatchListDeletable<T, L, ?> resources, LabelSelector selector) {
    return selector == null ? resources : resources.withLabelSelector(selector);
  }

  private static <T extends HasMetadata> List<T> controlledBy(
      Set<String> ownerUids, List<T> items) {
    return items.stream()
        .filter(item -> controller(item).map(ownerUids::contains).orElse(false))
        .toList();
  }

  private static Optional<String> controller(HasMetadata item) {
    List<OwnerReference> owners = item.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .map(OwnerReference::getUid)
        .findFirst();
  }

  /** Turns every watch event, and the end of a watch, into a wake-up. */
  private static final class Wake<T> implements Watcher<T> {
    private final DeploymentRef ref;
    private final DeploymentListener listener;

    Wake(DeploymentRef ref, DeploymentListener listener) {
      this.ref = ref;
      this.listener = listener;
    }

    @Override
    public void eventReceived(Action action, T resource) {
      notifyListener();
    }

    @Override
    public void onClose(WatcherException cause) {
      log.info("watch of Deployment {} ended: {}", ref, cause.getMessage());
      notifyListener();
    }

    private void notifyListener() {
      try {
        listener.changed();
      } catch (RuntimeException e) {
        log.warn("listener of Deployment {} failed", ref, e);
      }
    }
  }
}
