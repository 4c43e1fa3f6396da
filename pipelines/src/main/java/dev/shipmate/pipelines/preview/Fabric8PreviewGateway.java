package dev.shipmate.pipelines.preview;

import dev.shipmate.pipelines.kubernetes.DeploymentListener;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import dev.shipmate.pipelines.kubernetes.DeploymentSnapshot;
import dev.shipmate.pipelines.kubernetes.DeploymentWatch;
import dev.shipmate.pipelines.kubernetes.Fabric8DeploymentGateway;
import dev.shipmate.pipelines.kubernetes.Timestamps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PreviewGateway} over a fabric8 client. It writes with create, update (a full replace) and
 * client-computed JSON patches ({@code edit}), which behave alike on a real API server and on
 * fabric8's CRUD mock; never server-side apply nor strategic merge patch.
 *
 * <p>Pruning finds this preview's objects by label, kind by kind, over the kinds of the manifests
 * now and the kinds applied last time (recorded on the namespace), so that an object whose kind
 * left the manifests is pruned too.
 */
public final class Fabric8PreviewGateway implements PreviewGateway {
  private static final Logger log = LoggerFactory.getLogger(Fabric8PreviewGateway.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final ReadinessJudge judge;
  private final Fabric8DeploymentGateway deployments;
  private final String podSecurity;
  private final Optional<PreviewGrant> grant;

  /** Namespaces enforcing the {@code baseline} Pod Security Standard. */
  public Fabric8PreviewGateway(KubernetesClient client, Clock clock, ReadinessJudge judge) {
    this(client, clock, judge, "baseline");
  }

  /**
   * @param podSecurity the Pod Security Standard preview namespaces enforce ({@code
   *     pod-security.kubernetes.io/enforce}): previews run code from pull requests, so not {@code
   *     privileged} unless {@code previews.podSecurity} says so
   */
  public Fabric8PreviewGateway(
      KubernetesClient client, Clock clock, ReadinessJudge judge, String podSecurity) {
    this(client, clock, judge, podSecurity, Optional.empty());
  }

  /**
   * @param grant the RoleBinding to put in each preview namespace, when Shipmate's right to write
   *     there comes from it (deploy/base/rbac-previews.yaml); none when the cluster grants it
   *     otherwise
   */
  public Fabric8PreviewGateway(
      KubernetesClient client,
      Clock clock,
      ReadinessJudge judge,
      String podSecurity,
      Optional<PreviewGrant> grant) {
    this.grant = Objects.requireNonNull(grant, "grant");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.judge = Objects.requireNonNull(judge, "judge");
    this.deployments = new Fabric8DeploymentGateway(client);
    this.podSecurity = Objects.requireNonNull(podSecurity, "podSecurity");
  }

  @Override
  public Preview ensureNamespace(PreviewNamespace wanted) {
    Resource<Namespace> resource = client.namespaces().withName(wanted.namespace());
    Namespace current = resource.get();
    Namespace written;
    if (current == null) {
      written =
          resource.create(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(wanted.namespace())
                  .withLabels(labels(wanted))
                  .withAnnotations(annotations(wanted, Map.of()))
                  .addToAnnotations(PreviewLabels.CREATED_AT, clock.instant().toString())
                  .endMetadata()
                  .build());
    } else {
      requirePreview(current, wanted.namespace(), wanted.pr());
      written =
          resource.edit(
              ns -> {
                ObjectMeta metadata = ns.getMetadata();
                Map<String, String> labels = mutable(metadata.getLabels());
                labels.putAll(labels(wanted));
                metadata.setLabels(labels);
                metadata.setAnnotations(annotations(wanted, metadata.getAnnotations()));
                return ns;
              });
    }
    grant.ifPresent(g -> bind(wanted.namespace(), g));
    return preview(written, workloads(wanted.namespace()));
  }

  /**
   * Binds the grant's ClusterRole in the namespace, unless a binding of that name is there:
   * created, never updated, so that Shipmate needs no right to change a RoleBinding.
   */
  private void bind(String namespace, PreviewGrant grant) {
    var bindings = client.rbac().roleBindings().inNamespace(namespace);
    if (bindings.withName(PreviewGrant.BINDING).get() != null) {
      return;
    }
    bindings
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(PreviewGrant.BINDING)
                .withNamespace(namespace)
                .addToLabels(PreviewLabels.PREVIEW, "true")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(grant.clusterRole())
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(grant.serviceAccount())
                .withNamespace(grant.namespace())
                .endSubject()
                .build())
        .create();
    log.info(
        "bound ClusterRole {} to {}/{} in preview namespace {}",
        grant.clusterRole(),
        grant.namespace(),
        grant.serviceAccount(),
        namespace);
  }

  @Override
  public ApplyOutcome apply(String namespace, int pr, List<HasMetadata> objects) {
    Namespace current = client.namespaces().withName(namespace).get();
    if (current == null) {
      throw new PreviewNotFoundException(namespace);
    }
    requirePreview(current, namespace, pr);
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (HasMetadata object : objects) {
      String key = PreviewManifests.key(object);
      HasMetadata copy = client.getKubernetesSerialization().clone(object);
      copy.getMetadata().setNamespace(namespace);
      copy.getMetadata().setResourceVersion(null);
      boolean[] existed = {false};
      client
          .resource(copy)
          .createOr(
              existing -> {
                existed[0] = true;
                return existing.update();
              });
      (existed[0] ? updated : created).add(key);
    }
    TreeSet<String> kinds = new TreeSet<>(recordedKinds(current));
    objects.forEach(object -> kinds.add(kindOf(object)));
    List<String> pruned = prune(namespace, pr, kinds, objects);
    TreeSet<String> applied =
        objects.stream()
            .map(Fabric8PreviewGateway::kindOf)
            .collect(Collectors.toCollection(TreeSet::new));
    client
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              Map<String, String> annotations = mutable(ns.getMetadata().getAnnotations());
              annotations.put(PreviewLabels.APPLIED_KINDS, String.join(",", applied));
              ns.getMetadata().setAnnotations(annotations);
              return ns;
            });
    return new ApplyOutcome(created, updated, pruned);
  }

  @Override
  public List<DeploymentSnapshot> deployments(String namespace) {
    return workloads(namespace).stream()
        .map(d -> new DeploymentRef(namespace, d.getMetadata().getName()))
        .map(deployments::snapshot)
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public List<Preview> list() {
    Map<String, List<Deployment>> byNamespace =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(PreviewLabels.PREVIEW, "true")
            .list()
            .getItems()
            .stream()
            .collect(Collectors.groupingBy(d -> d.getMetadata().getNamespace()));
    return client.namespaces().withLabel(PreviewLabels.PREVIEW, "true").list().getItems().stream()
        .filter(ns -> pr(ns).isPresent())
        .map(ns -> preview(ns, byNamespace.getOrDefault(ns.getMetadata().getName(), List.of())))
        .sorted(Comparator.comparing(Preview::created).thenComparing(Preview::pr))
        .toList();
  }

  @Override
  public Optional<Preview> find(String namespace) {
    Namespace ns = client.namespaces().withName(namespace).get();
    if (ns == null || !isPreview(ns)) {
      return Optional.empty();
    }
    return Optional.of(preview(ns, workloads(namespace)));
  }

  @Override
  public Preview extend(String namespace, Instant expiresAt) {
    return annotate(namespace, PreviewLabels.EXPIRES_AT, expiresAt.toString());
  }

  @Override
  public void markWarned(String namespace, Instant expiresAt) {
    annotate(namespace, PreviewLabels.WARNED_FOR, expiresAt.toString());
  }

  @Override
  public Deletion delete(String namespace) {
    Resource<Namespace> resource = client.namespaces().withName(namespace);
    Namespace current = resource.get();
    if (current == null) {
      return Deletion.GONE;
    }
    if (!isPreview(current)) {
      throw PreviewConflictException.notOurs(namespace, "is not a Shipmate preview");
    }
    if (current.getMetadata().getDeletionTimestamp() == null) {
      log.info("deleting preview namespace {}", namespace);
      resource.delete();
    }
    return resource.get() == null ? Deletion.GONE : Deletion.TERMINATING;
  }

  @Override
  public DeploymentWatch watch(String namespace, DeploymentListener listener) {
    Watch watch =
        client.apps().deployments().inNamespace(namespace).watch(new Wake(namespace, listener));
    return watch::close;
  }

  private Preview annotate(String namespace, String key, String value) {
    Resource<Namespace> resource = client.namespaces().withName(namespace);
    Namespace current = resource.get();
    if (current == null || !isPreview(current)) {
      throw new PreviewNotFoundException(namespace);
    }
    Namespace written =
        resource.edit(
            ns -> {
              Map<String, String> annotations = mutable(ns.getMetadata().getAnnotations());
              annotations.put(key, value);
              ns.getMetadata().setAnnotations(annotations);
              return ns;
            });
    return preview(written, workloads(namespace));
  }

  private List<Deployment> workloads(String namespace) {
    return client.apps().deployments().inNamespace(namespace).list().getItems();
  }

  /** Deletes this preview's objects, of these kinds, that are not among {@code keep}. */
  private List<String> prune(
      String namespace, int pr, TreeSet<String> kinds, List<HasMetadata> keep) {
    Set<String> kept = keep.stream().map(PreviewManifests::key).collect(Collectors.toSet());
    Map<String, String> selector =
        Map.of(PreviewLabels.PREVIEW, "true", PreviewLabels.PR, Integer.toString(pr));
    List<String> pruned = new ArrayList<>();
    for (String kind : kinds) {
      for (HasMetadata item : labelled(kind, namespace, selector)) {
        String key = PreviewManifests.key(item);
        if (!kept.contains(key)) {
          log.info("pruning {} from preview namespace {}", key, namespace);
          client.resource(item).inNamespace(namespace).delete();
          pruned.add(key);
        }
      }
    }
    return pruned;
  }

  /**
   * The objects of one kind ({@code apps/v1/Deployment}) with these labels. A kind fabric8 knows is
   * listed through its typed API; any other through the generic one, which asks the API server.
   */
  @SuppressWarnings("unchecked")
  private List<? extends HasMetadata> labelled(
      String kind, String namespace, Map<String, String> selector) {
    int slash = kind.lastIndexOf('/');
    String apiVersion = kind.substring(0, slash);
    String name = kind.substring(slash + 1);
    Class<? extends KubernetesResource> type =
        client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, name);
    List<? extends HasMetadata> items;
    if (type != null
        && HasMetadata.class.isAssignableFrom(type)
        && type != GenericKubernetesResource.class) {
      items =
          client
              .resources((Class<HasMetadata>) type)
              .inNamespace(namespace)
              .withLabels(selector)
              .list()
              .getItems();
    } else {
      items =
          client
              .genericKubernetesResources(apiVersion, name)
              .inNamespace(namespace)
              .withLabels(selector)
              .list()
              .getItems();
    }
    // Set-based selectors and some servers may return more than asked: check each label again.
    return items.stream()
        .filter(
            item ->
                selector.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(label(item, e.getKey()))))
        .toList();
  }

  private Preview preview(Namespace ns, List<Deployment> workloads) {
    ObjectMeta metadata = ns.getMetadata();
    Map<String, String> annotations = mutable(metadata.getAnnotations());
    PreviewStatus status =
        metadata.getDeletionTimestamp() != null
            ? PreviewStatus.TERMINATING
            : PreviewStatus.of(
                judge.judge(
                    workloads.stream()
                        .map(d -> new DeploymentSnapshot(d, List.of(), List.of()))
                        .toList()));
    Instant created =
        instant(annotations.get(PreviewLabels.CREATED_AT))
            .or(() -> Timestamps.parse(metadata.getCreationTimestamp()))
            .orElse(Instant.EPOCH);
    return new Preview(
        pr(ns).orElseThrow(),
        metadata.getName(),
        Objects.requireNonNullElse(
            annotations.get(PreviewLabels.OWNER),
            Objects.requireNonNullElse(label(ns, PreviewLabels.OWNER), "unknown")),
        created,
        // A preview without a readable expiry is treated as expired: it is swept, not kept forever.
        instant(annotations.get(PreviewLabels.EXPIRES_AT)).orElse(created),
        annotations.getOrDefault(PreviewLabels.REF, ""),
        annotations.getOrDefault(PreviewLabels.URL, ""),
        status,
        instant(annotations.get(PreviewLabels.WARNED_FOR)));
  }

  private static void requirePreview(Namespace ns, String namespace, int pr) {
    if (!isPreview(ns)) {
      throw PreviewConflictException.notOurs(namespace, "is not a Shipmate preview");
    }
    if (pr(ns).orElse(-1) != pr) {
      throw PreviewConflictException.notOurs(
          namespace, "is the preview of pull request " + label(ns, PreviewLabels.PR));
    }
    if (ns.getMetadata().getDeletionTimestamp() != null) {
      throw PreviewConflictException.terminating(namespace);
    }
  }

  private static boolean isPreview(Namespace ns) {
    return "true".equals(label(ns, PreviewLabels.PREVIEW)) && pr(ns).isPresent();
  }

  private static Optional<Integer> pr(Namespace ns) {
    try {
      return Optional.ofNullable(label(ns, PreviewLabels.PR)).map(Integer::valueOf);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Map<String, String> labels(PreviewNamespace wanted) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PreviewLabels.PREVIEW, "true");
    labels.put(PreviewLabels.PR, Integer.toString(wanted.pr()));
    labels.put(PreviewLabels.OWNER, PreviewLabels.labelValue(wanted.owner()));
    labels.put(PreviewLabels.POD_SECURITY_ENFORCE, podSecurity);
    return labels;
  }

  private static Map<String, String> annotations(
      PreviewNamespace wanted, Map<String, String> existing) {
    Map<String, String> annotations = mutable(existing);
    annotations.put(PreviewLabels.OWNER, wanted.owner());
    annotations.put(PreviewLabels.EXPIRES_AT, wanted.expiresAt().toString());
    annotations.put(PreviewLabels.REF, wanted.ref());
    annotations.put(PreviewLabels.URL, wanted.url());
    return annotations;
  }

  /** {@code apps/v1/Deployment}: the API version and kind of an object. */
  private static String kindOf(HasMetadata object) {
    return object.getApiVersion() + "/" + object.getKind();
  }

  private static List<String> recordedKinds(Namespace ns) {
    String recorded = mutable(ns.getMetadata().getAnnotations()).get(PreviewLabels.APPLIED_KINDS);
    if (recorded == null || recorded.isBlank()) {
      return List.of();
    }
    return Arrays.stream(recorded.split(","))
        .map(String::trim)
        .filter(kind -> kind.contains("/"))
        .toList();
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> mutable(Map<String, String> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }

  /** Turns every watch event, and the end of the watch, into a wake-up. */
  private static final class Wake implements Watcher<Deployment> {
    private final String namespace;
    private final DeploymentListener listener;

    Wake(String namespace, DeploymentListener listener) {
      this.namespace = namespace;
      this.listener = listener;
    }

    @Override
    public void eventReceived(Action action, Deployment deployment) {
      notifyListener();
    }

    @Override
    public void onClose(WatcherException cause) {
      log.info("watch of preview namespace {} ended: {}", namespace, cause.getMessage());
      notifyListener();
    }

    private void notifyListener() {
      try {
        listener.changed();
      } catch (RuntimeException e) {
        log.warn("listener of preview namespace {} failed", namespace, e);
      }
    }
  }
}
