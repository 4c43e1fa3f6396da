package dev.shipmate.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.LoadResult;
import dev.shipmate.sandbox.aws.SimulatedAws;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.route53.Route53Client;

class SimulatedWorldIT {

  @TempDir Path directory;
  private SimulatedWorld world;
  private URI endpoint;
  private final StaticCredentialsProvider credentials =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(SimulatedAws.ACCESS_KEY_ID, SimulatedAws.SECRET_ACCESS_KEY));

  @BeforeEach
  void start() {
    LoadResult loaded =
        new ConfigLoader(Map.of()).load(Path.of("../config/examples/shipmate.yaml"));
    assertThat(loaded.errors()).isEmpty();
    world = SimulatedWorld.start(loaded.config().orElseThrow(), WorldSettings.in(directory));
    endpoint = world.aws().endpoint();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private static List<Node> nodes(KubernetesClient client) {
    return client.nodes().list().getItems();
  }

  private static List<String> kubelets(KubernetesClient client) {
    return nodes(client).stream()
        .map(n -> n.getStatus().getNodeInfo().getKubeletVersion())
        .toList();
  }

  @Test
  @DisplayName(
      "the example configuration seeds clusters, node groups, services, the www cutover and Slack, and says how to reach them")
  void seedsFromTheExampleConfiguration() throws Exception {
    KubernetesClient prod = world.cluster("prod-eu").client();
    assertThat(nodes(prod))
        .hasSize(3)
        .allSatisfy(
            node -> {
              assertThat(node.getMetadata().getLabels())
                  .containsEntry("eks.amazonaws.com/nodegroup", "general");
              assertThat(node.getSpec().getProviderID())
                  .matches("aws:///eu-west-1[abc]/i-[0-9a-f]{17}");
            });
    assertThat(
            prod.apps()
                .deployments()
                .inNamespace("prod")
                .withName("web")
                .get()
                .getStatus()
                .getReadyReplicas())
        .isEqualTo(2);
    assertThat(
            world
                .cluster("dev")
                .client()
                .apps()
                .deployments()
                .inNamespace("staging")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("registry.example.com/acme/web:v1.0");
    assertThat(world.aws().route53().weights("Z0EXAMPLE", "www.example.com.", "CNAME"))
        .containsExactly(Map.entry("blue", 100L), Map.entry("green", 0L));

    Map<String, String> env = world.environment();
    assertThat(env)
        .containsKeys(
            "KUBECONFIG",
            "AWS_ENDPOINT_URL",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "SLACK_API_URL",
            "SLACK_BOT_TOKEN",
            "SLACK_SIGNING_SECRET",
            "GITHUB_API_URL",
            "GITHUB_TOKEN",
            "GITHUB_WEBHOOK_SECRET");
    assertThat(env.get("GITHUB_API_URL")).isEqualTo(world.github().apiUrl().toString());
    assertThat(Files.readString(world.kubeconfig())).contains("prod-eu", "dev");
    assertThat(Files.readString(world.writeEnvFile(directory.resolve("sandbox.env"))))
        .contains("AWS_ENDPOINT_URL=" + endpoint);
    try (Route53Client route53 =
        Route53Client.builder()
            .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder())
            .build()) {
      assertThat(route53.getHostedZone(r -> r.id("Z0EXAMPLE")).hostedZone().name())
          .isEqualTo("example.com.");
    }
  }

  @Test
  @DisplayName(
      "terminating an instance removes its node at once; the replacement joins later on the group's new launch template version")
  void terminateAndReplace() {
    KubernetesClient dev = world.cluster("dev").client();
    try (AutoScalingClient autoScaling =
            AutoScalingClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        Ec2Client ec2 =
            Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
      AutoScalingGroup group =
          autoScaling
              .describeAutoScalingGroups(r -> r.autoScalingGroupNames("dev-nodes"))
              .autoScalingGroups()
              .get(0);
      assertThat(group.desiredCapacity()).isEqualTo(3);
      assertThat(group.instances())
          .hasSize(3)
          .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));

      LaunchTemplateVersion version =
          ec2.createLaunchTemplateVersion(
                  r ->
                      r.launchTemplateId(group.launchTemplate().launchTemplateId())
                          .sourceVersion("1")
                          .launchTemplateData(d -> d.imageId("ami-eks-node-1.32.9")))
              .launchTemplateVersion();
      assertThat(version.versionNumber()).isEqualTo(2L);
      autoScaling.updateAutoScalingGroup(
          r ->
              r.autoScalingGroupName("dev-nodes")
                  .launchTemplate(
                      t -> t.launchTemplateId(version.launchTemplateId()).version("$Latest")));
      assertThat(
              ec2.describeLaunchTemplateVersions(
                      r -> r.launchTemplateId(version.launchTemplateId()).versions("$Latest"))
                  .launchTemplateVersions()
                  .get(0)
                  .launchTemplateData()
                  .imageId())
          .isEqualTo("ami-eks-node-1.32.9");

      String victim = group.instances().get(0).instanceId();
      String victimNode =
          ec2.describeInstances(r -> r.instanceIds(victim))
              .reservations()
              .get(0)
              .instances()
              .get(0)
              .privateDnsName();
      autoScaling.terminateInstanceInAutoScalingGroup(
          r -> r.instanceId(victim).shouldDecrementDesiredCapacity(false));

      world.settle();
      assertThat(nodes(dev))
          .extracting(n -> n.getMetadata().getName())
          .hasSize(2)
          .doesNotContain(victimNode);
      assertThat(dev.pods().inNamespace("staging").list().getItems())
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotEqualTo(victimNode));
      assertThat(
              ec2.describeInstances(r -> r.instanceIds(victim))
                  .reservations()
                  .get(0)
                  .instances()
                  .get(0)
                  .state()
                  .name())
          .isEqualTo(InstanceStateName.TERMINATED);
      assertThat(
              autoScaling
                  .describeAutoScalingGroups(r -> r.autoScalingGroupNames("dev-nodes"))
                  .autoScalingGroups()
                  .get(0)
                  .instances())
          .extracting(i -> i.lifecycleStateAsString())
          .containsExactlyInAnyOrder("InService", "InService", "Pending");

      world.advance(Duration.ofSeconds(89));
      assertThat(nodes(dev)).hasSize(2);
      world.advance(Duration.ofSeconds(1));
      assertThat(nodes(dev)).hasSize(3);
      assertThat(kubelets(dev)).containsExactlyInAnyOrder("v1.31.4", "v1.31.4", "v1.32.9");

      assertThatThrownBy(
              () ->
                  autoScaling.setDesiredCapacity(
                      r -> r.autoScalingGroupName("dev-nodes").desiredCapacity(9)))
          .isInstanceOf(AutoScalingException.class)
          .hasMessageContaining(
              "New SetDesiredCapacity value 9 is above max value 4 for the AutoScalingGroup.");
      assertThatThrownBy(
              () ->
                  ec2.createLaunchTemplateVersion(
                      r ->
                          r.launchTemplateId(version.launchTemplateId())
                              .launchTemplateData(d -> d.imageId("ami-unknown"))))
          .hasMessageContaining("The image id '[ami-unknown]' does not exist");
    }
  }

  @Test
  @DisplayName(
      "an EKS upgrade: the control plane moves after its delay, then the node group is replaced node by node")
  void eksUpgrade() {
    KubernetesClient prod = world.cluster("prod-eu").client();
    try (EksClient eks =
        EksClient.builder()
            .endpointOverride(endpoint)
            .region(Region.EU_WEST_1)
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder())
            .build()) {
      assertThat(eks.describeCluster(r -> r.name("prod-eu")).cluster().version()).isEqualTo("1.31");
      assertThat(eks.listNodegroups(r -> r.clusterName("prod-eu")).nodegroups())
          .containsExactly("general");
      assertThatThrownBy(() -> eks.updateClusterVersion(r -> r.name("prod-eu").version("1.33")))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("from 1.31 to 1.33");
      assertThatThrownBy(() -> eks.describeCluster(r -> r.name("nope")))
          .isInstanceOf(ResourceNotFoundException.class);

      String controlPlane =
          eks.updateClusterVersion(r -> r.name("prod-eu").version("1.32")).update().id();
      assertThat(eks.describeCluster(r -> r.name("prod-eu")).cluster().status())
          .isEqualTo(ClusterStatus.UPDATING);
      world.advance(Duration.ofMinutes(7));
      assertThat(
              eks.describeUpdate(r -> r.name("prod-eu").updateId(controlPlane)).update().status())
          .isEqualTo(UpdateStatus.IN_PROGRESS);
      world.advance(Duration.ofMinutes(1));
      assertThat(
              eks.describeUpdate(r -> r.name("prod-eu").updateId(controlPlane)).update().status())
          .isEqualTo(UpdateStatus.SUCCESSFUL);
      assertThat(eks.describeCluster(r -> r.name("prod-eu")).cluster().version()).isEqualTo("1.32");
      assertThat(prod.getKubernetesVersion().getGitVersion()).isEqualTo("v1.32.9");

      String nodes =
          eks.updateNodegroupVersion(r -> r.clusterName("prod-eu").nodegroupName("general"))
              .update()
              .id();
      world.settle();
      assertThat(
              eks.describeNodegroup(r -> r.clusterName("prod-eu").nodegroupName("general"))
                  .nodegroup()
                  .status())
          .isEqualTo(NodegroupStatus.UPDATING);
      world.advance(Duration.ofSeconds(90));
      // One node at a time: the first new node has joined, an old one has been drained and removed.
      assertThat(kubelets(prod)).containsExactlyInAnyOrder("v1.31.4", "v1.31.4", "v1.32.9");
      world.advance(Duration.ofMinutes(10));

      assertThat(
              eks.describeUpdate(r -> r.name("prod-eu").nodegroupName("general").updateId(nodes))
                  .update()
                  .status())
          .isEqualTo(UpdateStatus.SUCCESSFUL);
      assertThat(
              eks.describeNodegroup(r -> r.clusterName("prod-eu").nodegroupName("general"))
                  .nodegroup()
                  .version())
          .isEqualTo("1.32");
      assertThat(kubelets(prod)).containsExactly("v1.32.9", "v1.32.9", "v1.32.9");
      List<Pod> pods = prod.pods().inNamespace("prod").list().getItems();
      assertThat(pods)
          .hasSize(2)
          .allSatisfy(
              p ->
                  assertThat(p.getStatus().getConditions())
                      .anySatisfy(
                          c ->
                              assertThat(c.getType() + "=" + c.getStatus())
                                  .isEqualTo("Ready=True")));
    }
  }
}
