package dev.shipmate.sandbox.aws.route53;

import java.util.List;

/**
 * A hosted zone as GetHostedZone answers it.
 *
 * @param id without the {@code /hostedzone/} prefix, e.g. {@code Z0EXAMPLE}
 * @param name fully qualified, e.g. {@code example.com.}
 * @param recordCount how many record sets the zone holds
 */
public record HostedZone(
    String id,
    String name,
    String callerReference,
    boolean privateZone,
    long recordCount,
    List<String> nameServers) {

  public HostedZone {
    nameServers = List.copyOf(nameServers);
  }
}
