package dev.shipmate.pipelines.kubernetes;

import dev.shipmate.config.Cluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fabric8 {@link KubernetesClient} per kubeconfig context, created on first use, kept, and
 * closed with this object.
 *
 * <p>A context the kubeconfig does not have is refused ({@link UnknownContextException}): fabric8
 * would quietly use the current context instead, which is another cluster. Clients do not retry
 * failed requests themselves ({@code requestRetryBackoffLimit = 0}): a step that fails is retried
 * by the engine, which knows how long the run may wait.
 */
public final class KubernetesClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubernetesClients.class);

  /** What fabric8 will not retry by itself: the step asks to be called again instead. */
  static final int REQUEST_RETRY_BACKOFF_LIMIT = 0;

  private final Function<String, Config> configs;
  private final String source;
  // Guarded by this: a client is never made after close().
  private final Map<String, KubernetesClient> clients = new HashMap<>();
  private boolean closed;

  private KubernetesClients(Function<String, Config> configs, String source) {
    this.configs = configs;
    this.source = source;
  }

  /**
   * Contexts from the kubeconfig found the standard way: the files listed in {@code KUBECONFIG}
   * (merged, first one wins), else {@code ~/.kube/config}.
   */
  public static KubernetesClients fromEnvironment() {
    String files = String.join(java.io.File.pathSeparator, Config.getKubeconfigFilenames());
    return new KubernetesClients(Config::autoConfigure, "the kubeconfig (" + files + ")");
  }

  /**
   * Contexts from one kubeconfig file, read when a context is first used (tests, and a sandbox that
   * writes its own kubeconfig).
   */
  public static KubernetesClients fromKubeconfig(Path file) {
    Objects.requireNonNull(file, "file");
    return new KubernetesClients(
        context -> Config.fromKubeconfig(context, file.toFile()), "the kubeconfig " + file);
  }

  /** The client of the cluster's context ({@code clusters.NAME.context}). */
  public KubernetesClient forCluster(Cluster cluster) {
    return forContext(cluster.context());
  }

  /** The client of a kubeconfig context, created on first use. */
  public synchronized KubernetesClient forContext(String context) {
    Objects.requireNonNull(context, "context");
    if (closed) {
      throw new IllegalStateException("the Kubernetes clients are closed (Shipmate is stopping)");
    }
    return clients.computeIfAbsent(context, this::create);
  }

  private KubernetesClient create(String context) {
    Config config = configs.apply(context);
    NamedContext current = config.getCurrentContext();
    if (current == null || !context.equals(current.getName())) {
      throw new UnknownContextException(context, names(config.getContexts()), source);
    }
    config.setRequestRetryBackoffLimit(REQUEST_RETRY_BACKOFF_LIMIT);
    log.info("Kubernetes context {}: {}", context, config.getMasterUrl());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Closes every client made so far; later requests for a client are refused. */
  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }

  private static List<String> names(List<NamedContext> contexts) {
    return contexts == null
        ? List.of()
        : contexts.stream().map(NamedContext::getName).sorted().toList();
  }
}
