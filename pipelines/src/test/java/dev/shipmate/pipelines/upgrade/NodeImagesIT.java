package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipmate.config.Cluster;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.AwsFault;
import dev.shipmate.sandbox.aws.SimulatedAws;
import dev.shipmate.sandbox.aws.compute.MachineImage;
import dev.shipmate.sandbox.aws.compute.MachineImages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * The image a self-managed group's new nodes start, looked up with EC2's DescribeImages through the
 * real SDK against the sandbox's EC2 (which lists the EKS-optimized images, 1.32 in two builds).
 */
@DisplayName("node images looked up by name and owner (DescribeImages), on the sandbox")
class NodeImagesIT {

  private static final String CONFIG =
      """
      clusters:
        dev: { context: dev, provider: asg, asg: { region: eu-west-1, groups: [dev-nodes] } }
        own:
          context: own
          provider: asg
          asg:
            region: eu-west-1
            groups: [own-nodes]
            image: { name: "acme-k8s-{version}-*", owner: self }
      """;

  @TempDir Path folder;

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-12-01T09:00:00Z"));
  private SimulatedAws aws;
  private ComputeClients clients;
  private KubernetesClients kubernetes;
  private NodeImages images;
  private ShipmateConfig config;

  @BeforeEach
  void start() {
    aws = SimulatedAws.start(clock);
    clients = ComputeClients.at(aws.endpoint());
    // Never used: images need only AWS.
    kubernetes = KubernetesClients.fromKubeconfig(folder.resolve("kubeconfig"));
    images = NodeImages.describedBy(new UpgradeGateways(kubernetes, clients));
    config = new ConfigLoader(Map.of()).parse(CONFIG, "test.yaml").orThrow();
  }

  @AfterEach
  void stop() {
    kubernetes.close();
    clients.close();
    aws.close();
  }

  private Cluster cluster(String name) {
    return config.cluster(name).orElseThrow();
  }

  private void register(String id, String name, String owner, String created) {
    aws.compute()
        .images()
        .register(
            new MachineImage(
                id,
                name,
                owner,
                Optional.empty(),
                "available",
                Instant.parse(created),
                "x86_64",
                "a build of ours"));
  }

  @Test
  @DisplayName("by default the EKS-optimized AL2023 image of the version, the newest build winning")
  void defaultImageNewestWins() {
    // The October build of 1.32 is listed before the November one.
    assertThat(images.imageFor(cluster("dev"), MinorVersion.of("1.32")))
        .isEqualTo("ami-eks-node-1.32");
    assertThat(images.imageFor(cluster("dev"), MinorVersion.of("1.31")))
        .isEqualTo("ami-eks-node-1.31");
  }

  @Test
  @DisplayName("asg.image picks the newest of the cluster's own images, not another owner's")
  void ownImages() {
    register(
        "ami-0acme132a",
        "acme-k8s-1.32-20261115",
        MachineImages.OWN_ACCOUNT,
        "2026-11-15T10:00:00Z");
    register(
        "ami-0acme132c",
        "acme-k8s-1.32-20261130",
        MachineImages.OWN_ACCOUNT,
        "2026-11-30T10:00:00Z");
    register(
        "ami-0acme132b",
        "acme-k8s-1.32-20261120",
        MachineImages.OWN_ACCOUNT,
        "2026-11-20T10:00:00Z");
    // Named as ours, newer, but another account's: never started.
    register("ami-0evil1320", "acme-k8s-1.32-20261201", "999999999999", "2026-12-01T08:00:00Z");

    assertThat(images.imageFor(cluster("own"), MinorVersion.of("1.32"))).isEqualTo("ami-0acme132c");
  }

  @Test
  @DisplayName("a version with no image is refused, naming the name, the owner and the region")
  void noImage() {
    assertThatThrownBy(() -> images.imageFor(cluster("dev"), MinorVersion.of("1.35")))
        .isInstanceOfSatisfying(
            UpgradeRefusedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "no available image named amazon-eks-node-al2023-x86_64-standard-1.35-*"
                            + " owned by amazon in eu-west-1 for Kubernetes 1.35; build or share"
                            + " one, or set clusters.dev.asg.image to the images your nodes"
                            + " start."));
    assertThatThrownBy(() -> images.imageFor(cluster("own"), MinorVersion.of("1.32")))
        .isInstanceOfSatisfying(
            UpgradeRefusedException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "no available image named acme-k8s-1.32-* owned by self in eu-west-1")
                    .contains("clusters.own.asg.image"));
    // The refusal is the user's to fix, as any refusal of the upgrade.
    assertThat(
            new UpgradeExceptionClassifier()
                .classify(
                    new UpgradeRefusedException(
                        "no available image named x owned by amazon in eu-west-1")))
        .map(Failure::kind)
        .contains(FailureKind.USER);
  }

  @Test
  @DisplayName("an image that is not available yet is not started")
  void pendingImage() {
    aws.compute()
        .images()
        .register(
            new MachineImage(
                "ami-0pending132",
                "amazon-eks-node-al2023-x86_64-standard-1.32-v20261201",
                MachineImages.AMAZON_EKS_ACCOUNT,
                Optional.of("amazon"),
                "pending",
                Instant.parse("2026-12-01T08:00:00Z"),
                "x86_64",
                "still being built"));
    assertThat(images.imageFor(cluster("dev"), MinorVersion.of("1.32")))
        .isEqualTo("ami-eks-node-1.32");
  }

  @Test
  @DisplayName("EC2 failing DescribeImages is classified as the upgrade's other EC2 calls are")
  void ec2Errors() {
    aws.compute().faults().failNext("DescribeImages", 10, AwsFault.INTERNAL_ERROR);
    Throwable thrown =
        catchThrowable(() -> images.imageFor(cluster("dev"), MinorVersion.of("1.32")));
    assertThat(thrown).isInstanceOf(Ec2Exception.class);
    assertThat(new UpgradeExceptionClassifier().classify(thrown))
        .hasValueSatisfying(
            f -> {
              assertThat(f.kind()).isEqualTo(FailureKind.TRANSIENT);
              assertThat(f.message()).contains("InternalFailure");
            });
  }

  @Test
  @DisplayName(
      "/upgrade of a self-managed cluster with no image for the target fails at the preflight,"
          + " changing nothing")
  void preflightRefuses() {
    String yaml =
        UpgradeHarness.CONFIG.replace(
            "groups: [dev-nodes] }",
            "groups: [dev-nodes], image: { name: \"acme-k8s-{version}-*\", owner: self } }");
    try (UpgradeHarness harness =
        new UpgradeHarness(folder.resolve("harness"), 2, UpgradeSettings.defaults(), yaml)) {
      // Nothing to replace, nothing to look up: a cluster already at the version is fine.
      assertThat(harness.upgrade.dryRun(new UpgradeRequest("dev", "1.31")).problems()).isEmpty();
      harness.cluster("dev").setKubernetesVersion("1.32.9");
      String problem =
          "no available image named acme-k8s-1.32-* owned by self in eu-west-1 for Kubernetes"
              + " 1.32; build or share one, or set clusters.dev.asg.image to the images your"
              + " nodes start.";

      assertThat(harness.upgrade.dryRun(new UpgradeRequest("dev", "1.32")).problems())
          .containsExactly(problem);

      Run run = harness.upgrade("dev", "1.32");
      Run ended = harness.runToEnd(run.id(), Duration.ofSeconds(5), Duration.ofMinutes(5));
      assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
      assertThat(harness.step(run.id(), PreflightStep.NAME).failure())
          .hasValueSatisfying(f -> assertThat(f.message()).contains(problem));
      assertThat(harness.nodes("dev"))
          .hasSize(2)
          .allSatisfy(
              n ->
                  assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31."));
      var group = harness.world.aws().compute().group("dev-nodes");
      assertThat(group.launchTemplate().number()).isEqualTo(1);
      assertThat(
              harness
                  .world
                  .aws()
                  .compute()
                  .launchTemplateVersions(group.launchTemplate().templateId(), null, List.of()))
          .hasSize(1);
    }
  }
}
