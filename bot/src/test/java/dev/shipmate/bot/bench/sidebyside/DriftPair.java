package dev.shipmate.bot.bench.sidebyside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipmate.pipelines.drift.ClusterComparer;
import dev.shipmate.pipelines.drift.Fabric8LiveObjects;
import dev.shipmate.pipelines.drift.Finding;
import dev.shipmate.pipelines.drift.IgnoreRules;
import dev.shipmate.pipelines.drift.ManifestReader;
import dev.shipmate.pipelines.drift.ManifestSet;
import dev.shipmate.sandbox.kubernetes.KubeconfigWriter;
import dev.shipmate.sandbox.kubernetes.SimulatedCluster;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Drift of 500 objects (ConfigMaps and Deployments in five namespaces, one in ten changed in the
 * cluster), Shipmate beside kubediff on the same manifests and the same simulated API server,
 * alternating. Shipmate: the manifests read ({@link ManifestReader}) and compared with the cluster
 * read through fabric8 ({@link ClusterComparer}, {@link Fabric8LiveObjects}) — what the drift
 * inspector does after its git checkout. kubediff: {@code python3 <kubediff>/kubediff --kubeconfig
 * … --context sim <folder>} as its README says, one {@code kubectl get} per object; the {@code
 * kubectl} it runs is the first on the PATH, {@code -Dkubectl}'s folder put first.
 *
 * <p>kubediff is not part of this repository: {@code -Dkubediff=/tmp/kubediff} names a checkout of
 * github.com/weaveworks/kubediff (with Debian's python3-yaml, python3-attr, python3-tabulate,
 * python3-future: {@code -Dpython}, by default {@code /usr/bin/python3}); without it only Shipmate
 * is measured. Then Shipmate alone on 10,000 objects: time and heap.
 */
final class DriftPair {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final int NAMESPACES = 5;

  private final int rounds;
  private final String kubediff = System.getProperty("kubediff", "");
  private final String kubectl = System.getProperty("kubectl", "kubectl");

  /** Debian's, where python3-yaml, -attr, -tabulate and -future are installed. */
  private final String python = System.getProperty("python", "/usr/bin/python3");

  DriftPair(int rounds) {
    this.rounds = rounds;
  }

  void run() throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.builder().autopilot(false).start()) {
      Path folder = Files.createTempDirectory("side-by-side-drift");
      Path kubeconfig =
          KubeconfigWriter.write(
              folder.resolve("kubeconfig"), List.of(cluster.kubeContext("sim")), "sim");
      Path small = seed(cluster, folder.resolve("500"), 0, 500);
      Comparison comparison =
          Comparison.of("drift", "500 objects: manifests vs cluster", "kubediff");
      boolean withPeer = !kubediff.isBlank() && Files.exists(Path.of(kubediff, "kubediff"));
      if (!withPeer) {
        System.out.println(
            "  drift: no kubediff (-Dkubediff=<checkout of weaveworks/kubediff>): Shipmate alone");
      }
      // Warm-up, not counted.
      System.out.println(
          "  drift: Shipmate reported " + shipmate(cluster, small, null) + " findings");
      if (withPeer) {
        kubediff(kubeconfig, small, null);
      }
      for (int round = 0; round < rounds; round++) {
        if (round % 2 == 0 && withPeer) {
          kubediff(kubeconfig, small, comparison.peer);
        }
        shipmate(cluster, small, comparison.shipmate);
        if (round % 2 == 1 && withPeer) {
          kubediff(kubeconfig, small, comparison.peer);
        }
      }
      comparison.done();
    }
    // A cluster of its own, so that the 500 are not reported as extra objects there.
    try (SimulatedCluster cluster = SimulatedCluster.builder().autopilot(false).start()) {
      Path large = seed(cluster, Files.createTempDirectory("side-by-side-drift-10000"), 0, 10_000);
      for (int round = 0; round < Math.max(2, rounds / 2); round++) {
        System.gc();
        resetPeaks();
        long before = usedHeap();
        long start = System.nanoTime();
        int findings = shipmate(cluster, large, null);
        long nanos = System.nanoTime() - start;
        System.out.printf(
            Locale.ROOT,
            "drift    Shipmate alone, 10,000 objects: %.2f s, %d findings, heap peak %d MiB above"
                + " the %d MiB before (-Xmx %d MiB) | load %s%n",
            nanos / 1e9,
            findings,
            (peakHeap() - before) >> 20,
            before >> 20,
            Runtime.getRuntime().maxMemory() >> 20,
            LoadAverage.now());
      }
    }
  }

  private int shipmate(SimulatedCluster cluster, Path manifests, Samples into) {
    long start = System.nanoTime();
    ManifestSet set = new ManifestReader().read(manifests, manifests);
    List<Finding> findings =
        new ClusterComparer(IgnoreRules.NONE)
            .compare("sim", set.objects(), new Fabric8LiveObjects(cluster.client()));
    if (into != null) {
      into.add(System.nanoTime() - start);
    }
    return findings.size();
  }

  private void kubediff(Path kubeconfig, Path manifests, Samples into) throws Exception {
    Path out = Files.createTempFile("kubediff", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                python,
                Path.of(kubediff, "kubediff").toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--context",
                "sim",
                "--no-error-on-diff",
                manifests.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Path kubectlFolder = Path.of(kubectl).getParent();
    if (kubectlFolder != null) {
      builder
          .environment()
          .put("PATH", kubectlFolder.toAbsolutePath() + ":" + System.getenv("PATH"));
    }
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubediff did not end");
    }
    long nanos = System.nanoTime() - start;
    String printed = Files.readString(out);
    long differences = printed.lines().filter(l -> l.contains(" != ")).count();
    if (into == null || into.size() == 0) {
      System.out.println("  drift: kubediff reported " + differences + " differences");
    }
    if (process.exitValue() != 0 || differences == 0) {
      throw new IllegalStateException(
          "kubediff exited "
              + process.exitValue()
              + " without the expected findings: "
              + tail(printed));
    }
    if (into != null) {
      into.add(nanos);
    }
  }

  /**
   * Writes {@code count} objects as YAML files of 100 documents and creates them in the cluster,
   * one in ten changed there afterwards (a ConfigMap's value, a Deployment's replicas).
   */
  private static Path seed(SimulatedCluster cluster, Path folder, int first, int count)
      throws Exception {
    Files.createDirectories(folder);
    ObjectStore store = cluster.store();
    for (int n = 0; n < NAMESPACES; n++) {
      String namespace = "team-" + n;
      if (store.get(namespaces(store), null, namespace).isEmpty()) {
        store.create(
            namespaces(store),
            null,
            (ObjectNode)
                YAML.readTree(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: " + namespace + "}}"),
            false);
      }
    }
    StringBuilder file = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      String manifest = manifest(i);
      file.append(manifest).append("---\n");
      ObjectNode object = (ObjectNode) YAML.readTree(manifest);
      if (i % 10 == 0) {
        if (i % 2 == 0) {
          ((ObjectNode) object.get("data")).put("mode", "slow");
        } else {
          ((ObjectNode) object.get("spec")).put("replicas", 3);
        }
      }
      ResourceType type =
          store
              .types()
              .byKind(object.get("apiVersion").asText(), object.get("kind").asText())
              .orElseThrow();
      store.create(type, object.at("/metadata/namespace").asText(), object, false);
      if ((i - first + 1) % 100 == 0) {
        Files.writeString(folder.resolve("objects-" + i / 100 + ".yaml"), file);
        file.setLength(0);
      }
    }
    return folder;
  }

  private static ResourceType namespaces(ObjectStore store) {
    return store.types().byKind("v1", "Namespace").orElseThrow();
  }

  private static String manifest(int i) {
    String namespace = "team-" + (i % NAMESPACES);
    if (i % 2 == 0) {
      return """
          apiVersion: v1
          kind: ConfigMap
          metadata: { name: settings-%1$d, namespace: %2$s, labels: { app: app-%1$d } }
          data: { mode: fast, id: "%1$d", url: "https://app-%1$d.example.com" }
          """
          .formatted(i, namespace);
    }
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app-%1$d, namespace: %2$s, labels: { app: app-%1$d } }
        spec:
          replicas: 0
          selector: { matchLabels: { app: app-%1$d } }
          template:
            metadata: { labels: { app: app-%1$d } }
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:%1$d
                  env: [ { name: MODE, value: fast }, { name: ID, value: "%1$d" } ]
        """
        .formatted(i, namespace);
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
