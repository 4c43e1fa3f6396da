package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine images EC2 lists, seeded as AWS publishes the EKS-optimized Amazon Linux 2023 images:
 * for each minor version the simulation knows (1.28 … 1.34), an image {@code ami-eks-node-<minor>}
 * named {@code amazon-eks-node-al2023-x86_64-standard-<minor>-v20261101}, owned by the alias {@code
 * amazon}; 1.32 also has the older build {@code v20261001} ({@code ami-eks-node-1.32-v20261001},
 * which boots 1.32 too), so that "the newest by creation date" can be told from "the first listed".
 */
public final class MachineImages {

  /**
   * The account behind the alias {@code amazon} for EKS's images (602401143452 in most regions).
   */
  public static final String AMAZON_EKS_ACCOUNT = "602401143452";

  /** The sandbox's own account: what {@code self} means. */
  public static final String OWN_ACCOUNT = "123456789012";

  /** The minor versions with an EKS-optimized image. */
  public static final List<String> MINORS =
      List.of("1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34");

  private static final String NAME = "amazon-eks-node-al2023-x86_64-standard-%s-%s";
  private static final Instant NOVEMBER_BUILD = Instant.parse("2026-11-01T04:25:13Z");
  private static final Instant OCTOBER_BUILD = Instant.parse("2026-10-01T03:51:40Z");

  private final List<MachineImage> images = new ArrayList<>();

  MachineImages() {
    // The older build is listed first: a caller taking the first match picks the wrong one.
    images.add(eks("ami-eks-node-1.32-v20261001", "1.32", "v20261001", OCTOBER_BUILD));
    for (String minor : MINORS) {
      images.add(eks(KubeletVersions.imageFor(minor), minor, "v20261101", NOVEMBER_BUILD));
    }
  }

  private static MachineImage eks(String id, String minor, String build, Instant created) {
    return new MachineImage(
        id,
        String.format(NAME, minor, build),
        AMAZON_EKS_ACCOUNT,
        Optional.of("amazon"),
        "available",
        created,
        "x86_64",
        "EKS-optimized Kubernetes node based on Amazon Linux 2023, (k8s: "
            + KubeletVersions.newestPatch(minor)
            + ", containerd: 1.7.*)");
  }

  /** Every image, in the order they were registered. */
  public synchronized List<MachineImage> all() {
    return List.copyOf(images);
  }

  /** Registers an image (an account's own build, a test's older or broken image). */
  public synchronized void register(MachineImage image) {
    if (images.stream().anyMatch(i -> i.id().equals(image.id()))) {
      throw new IllegalArgumentException("an image " + image.id() + " exists");
    }
    images.add(image);
  }

  /** Removes an image from the listing, as DeregisterImage does. */
  public synchronized void deregister(String imageId) {
    images.removeIf(i -> i.id().equals(imageId));
  }

  public synchronized Optional<MachineImage> image(String imageId) {
    return images.stream().filter(i -> i.id().equals(imageId)).findFirst();
  }
}
