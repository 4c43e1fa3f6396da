package dev.shipmate.pipelines.drift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.pipelines.drift.ClusterComparer;
import dev.shipmate.pipelines.drift.Finding;
import dev.shipmate.pipelines.drift.IgnoreRules;
import dev.shipmate.pipelines.drift.LiveObjects;
import dev.shipmate.pipelines.drift.ManifestReader;
import dev.shipmate.pipelines.drift.ManifestSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and comparing 1,000 and 10,000 objects: Deployments written as multi-document YAML files
 * of 100 objects, against live copies carrying server defaults and status, one in ten of them
 * changed (replicas, image). Prints time and heap; never fails on a figure.
 *
 * <pre>mvn -pl pipelines -am -Pdrift-bench -Dspotless.skip=true -DskipTests verify</pre>
 */
public final class DriftCompareBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws IOException {
    System.out.printf(
        "%8s %10s %10s %8s %10s %14s%n",
        "objects", "read ms", "compare ms", "drifts", "lists", "heap peak MiB");
    for (int round = 0; round < 2; round++) {
      for (int n : new int[] {1_000, 10_000}) {
        run(n, round == 1);
      }
    }
  }

  private static void run(int n, boolean print) throws IOException {
    Path root = Files.createTempDirectory("drift-bench-");
    for (int file = 0; file < n / 100; file++) {
      StringBuilder yaml = new StringBuilder();
      for (int i = file * 100; i < (file + 1) * 100; i++) {
        yaml.append(manifest(i)).append("---\n");
      }
      Files.writeString(root.resolve("apps-" + file + ".yaml"), yaml);
    }
    Map<String, List<JsonNode>> live = new HashMap<>();
    for (int i = 0; i < n; i++) {
      live.computeIfAbsent(namespace(i), k -> new ArrayList<>()).add(liveCopy(i));
    }
    int[] lists = {0};
    LiveObjects objects =
        (apiVersion, kind, namespace) -> {
          lists[0]++;
          return live.getOrDefault(namespace, List.of());
        };
    System.gc();
    resetPeaks();
    long t0 = System.nanoTime();
    ManifestSet set = new ManifestReader().read(root, root);
    long t1 = System.nanoTime();
    List<Finding> findings =
        new ClusterComparer(IgnoreRules.NONE).compare("bench", set.objects(), objects);
    long t2 = System.nanoTime();
    if (print) {
      System.out.printf(
          "%8d %10d %10d %8d %10d %14d%n",
          n,
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          findings.size(),
          lists[0],
          peakHeap() >> 20);
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String namespace(int i) {
    return "team-" + (i % 20);
  }

  private static String manifest(int i) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app-%1$d, namespace: %2$s, labels: { app: app-%1$d } }
        spec:
          replicas: 2
          selector: { matchLabels: { app: app-%1$d } }
          template:
            metadata: { labels: { app: app-%1$d } }
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:%1$d
                  env: [ { name: MODE, value: fast }, { name: ID, value: "%1$d" } ]
                  resources: { requests: { cpu: 500m, memory: 1Gi } }
        """
        .formatted(i, namespace(i));
  }

  private static JsonNode liveCopy(int i) throws IOException {
    ObjectNode node =
        (ObjectNode)
            new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(manifest(i));
    ObjectNode metadata = (ObjectNode) node.get("metadata");
    metadata.put("uid", "uid-" + i).put("resourceVersion", "1").put("generation", 1);
    ObjectNode spec = (ObjectNode) node.get("spec");
    spec.put("progressDeadlineSeconds", 600).put("revisionHistoryLimit", 10);
    ObjectNode container = (ObjectNode) spec.at("/template/spec/containers/0");
    container
        .put("imagePullPolicy", "IfNotPresent")
        .put("terminationMessagePath", "/dev/termination-log");
    ((ObjectNode) container.at("/resources/requests")).put("cpu", "0.5").put("memory", "1024Mi");
    node.putObject("status").put("replicas", 2).put("readyReplicas", 2);
    if (i % 10 == 0) {
      spec.put("replicas", 3);
      container.put("image", "registry.example.com/app:hotfix");
    }
    return JSON.valueToTree(node);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
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
