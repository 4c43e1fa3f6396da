package dev.shipmate.pipelines.upgrade;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/** EC2 machine images (AWS SDK v2, synchronous client): which images a name and owner give. */
public final class ImageGateway {

  /**
   * One available image.
   *
   * @param creationDate as EC2 writes it, ISO-8601 in UTC ({@code 2026-11-01T04:25:13.000Z}), so
   *     that texts compare as the instants they name
   */
  public record MachineImage(
      String id, String name, String ownerId, Optional<String> ownerAlias, String creationDate) {}

  private final Ec2Client ec2;

  public ImageGateway(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /**
   * DescribeImages: the available images whose name matches {@code name} (EC2's wildcards {@code *}
   * and {@code ?}) owned by {@code owner} (an account id or an alias: {@code amazon}, {@code self}
   * …), in no particular order.
   */
  public List<MachineImage> available(String name, String owner) {
    return ec2
        .describeImagesPaginator(
            r ->
                r.owners(owner)
                    .filters(
                        Filter.builder().name("name").values(name).build(),
                        Filter.builder().name("state").values("available").build()))
        .images()
        .stream()
        .map(
            i ->
                new MachineImage(
                    i.imageId(),
                    i.name(),
                    i.ownerId(),
                    Optional.ofNullable(i.imageOwnerAlias()),
                    i.creationDate() == null ? "" : i.creationDate()))
        .toList();
  }
}
