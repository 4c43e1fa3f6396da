package dev.shipmate.bot.drift;

import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.pipelines.cutover.Route53Gateway;
import dev.shipmate.pipelines.drift.Fabric8LiveObjects;
import dev.shipmate.pipelines.drift.LiveObjects;
import dev.shipmate.pipelines.kubernetes.KubernetesClients;
import java.util.function.Function;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * What drift reports read: each cluster's live objects, and Route53.
 *
 * @param clusters the live objects of a cluster, by its name in the configuration
 * @param resources closed when the bot stops
 */
public record DriftWorld(
    Function<String, LiveObjects> clusters, Route53Gateway route53, AutoCloseable resources) {

  /**
   * The clusters and Route53 the pipelines use: a report reads what the runs change (in local mode
   * and the sandbox, the simulated world). {@code clients} are closed by their owner, not here.
   */
  public static DriftWorld on(PipelineClients clients) {
    ShipmateConfig config = clients.config();
    KubernetesClients kubernetes = clients.kubernetes();
    return new DriftWorld(
        name -> new Fabric8LiveObjects(kubernetes.forCluster(config.clusters().get(name))),
        new AwsRoute53Gateway(clients.route53()),
        () -> {});
  }

  /**
   * The clusters of the kubeconfig found the standard way, and Route53 through the AWS SDK's own
   * configuration ({@code AWS_ENDPOINT_URL}, credentials, ...).
   */
  public static DriftWorld fromEnvironment(ShipmateConfig config) {
    KubernetesClients kubernetes = KubernetesClients.fromEnvironment();
    Route53Client route53 =
        Route53Client.builder()
            .region(Region.AWS_GLOBAL)
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
    return new DriftWorld(
        name -> new Fabric8LiveObjects(kubernetes.forCluster(config.clusters().get(name))),
        new AwsRoute53Gateway(route53),
        () -> {
          try {
            route53.close();
          } finally {
            kubernetes.close();
          }
        });
  }
}
