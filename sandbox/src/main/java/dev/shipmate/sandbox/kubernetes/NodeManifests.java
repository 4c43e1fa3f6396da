package dev.shipmate.sandbox.kubernetes;

import dev.shipmate.sandbox.kubernetes.store.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Node object a kubelet registers: well-known labels, addresses, capacity, node info. */
final class NodeManifests {

  private NodeManifests() {}

  /**
   * @param index a small number unique to the node, for its addresses and pod CIDR
   */
  static Node readyNode(NodeSpec spec, int index, Instant instant) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", spec.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.putAll(spec.labels());
    String now = Json.timestamp(instant);
    List<NodeCondition> conditions = new ArrayList<>();
    for (String[] condition :
        new String[][] {
          {
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available"
          },
          {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
          {
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available"
          },
          {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}
        }) {
      conditions.add(
          new NodeConditionBuilder()
              .withType(condition[0])
              .withStatus(condition[1])
              .withReason(condition[2])
              .withMessage(condition[3])
              .withLastHeartbeatTime(now)
              .withLastTransitionTime(now)
              .build());
    }
    return new NodeBuilder()
        .withNewMetadata()
        .withName(spec.name())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withProviderID(spec.providerId())
        .withPodCIDR("10.244." + index + ".0/24")
        .withTaints(spec.taints().isEmpty() ? null : spec.taints())
        .endSpec()
        .withNewStatus()
        .withConditions(conditions)
        .addNewAddress()
        .withType("InternalIP")
        .withAddress("10.0." + (index / 250) + "." + (index % 250))
        .endAddress()
        .addNewAddress()
        .withType("Hostname")
        .withAddress(spec.name())
        .endAddress()
        .withCapacity(
            Map.of(
                "cpu",
                new Quantity("2"),
                "memory",
                new Quantity("8Gi"),
                "pods",
                new Quantity("110")))
        .withAllocatable(
            Map.of(
                "cpu",
                new Quantity("1930m"),
                "memory",
                new Quantity("7Gi"),
                "pods",
                new Quantity("110")))
        .withNewNodeInfo()
        .withKubeletVersion(SimulatedCluster.normalizeVersion(spec.kubeletVersion()))
        .withKubeProxyVersion(SimulatedCluster.normalizeVersion(spec.kubeletVersion()))
        .withContainerRuntimeVersion("containerd://1.7.22")
        .withOsImage("Amazon Linux 2023")
        .withKernelVersion("6.1.0-sandbox")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withMachineID(spec.name())
        .withSystemUUID(spec.name())
        .withBootID(spec.name())
        .endNodeInfo()
        .endStatus()
        .build();
  }
}
