package dev.shipmate.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipmate.sandbox.SimulationClock;
import dev.shipmate.sandbox.aws.compute.MachineImage;
import dev.shipmate.sandbox.aws.compute.MachineImages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

/** EC2's DescribeImages on the stand-in, through the real SDK client. */
class DescribeImagesIT {

  private final SimulationClock clock =
      SimulationClock.startingAt(Instant.parse("2026-12-01T09:00:00Z"));
  private SimulatedAws aws;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    aws = SimulatedAws.start(clock);
    ec2 = AwsClients.ec2(aws.endpoint());
  }

  @AfterEach
  void stop() {
    ec2.close();
    aws.close();
  }

  private List<Image> describe(DescribeImagesRequest.Builder request) {
    return ec2.describeImages(request.build()).images();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Test
  @DisplayName("the EKS-optimized images are listed by name pattern, state and owner, as EC2 does")
  void eksImagesByName() {
    List<Image> images =
        describe(
            DescribeImagesRequest.builder()
                .owners("amazon")
                .filters(
                    filter("name", "amazon-eks-node-al2023-x86_64-standard-1.32-*"),
                    filter("state", "available")));

    assertThat(images)
        .extracting(Image::imageId)
        .containsExactlyInAnyOrder("ami-eks-node-1.32", "ami-eks-node-1.32-v20261001");
    Image newest =
        images.stream().filter(i -> i.imageId().equals("ami-eks-node-1.32")).findFirst().get();
    assertThat(newest.name()).isEqualTo("amazon-eks-node-al2023-x86_64-standard-1.32-v20261101");
    assertThat(newest.imageOwnerAlias()).isEqualTo("amazon");
    assertThat(newest.ownerId()).isEqualTo(MachineImages.AMAZON_EKS_ACCOUNT);
    assertThat(newest.state()).isEqualTo(ImageState.AVAILABLE);
    assertThat(newest.creationDate()).isEqualTo("2026-11-01T04:25:13.000Z");
    assertThat(newest.architectureAsString()).isEqualTo("x86_64");
    // ISO-8601 texts compare as the instants they name: the November build is the newer.
    assertThat(images.stream().map(Image::creationDate).max(String::compareTo))
        .contains("2026-11-01T04:25:13.000Z");
  }

  @Test
  @DisplayName("one image per minor version the simulation knows, each booting that version")
  void oneImagePerMinor() {
    List<Image> images =
        describe(
            DescribeImagesRequest.builder()
                .owners("amazon")
                .filters(filter("name", "amazon-eks-node-al2023-x86_64-standard-*-v20261101")));
    assertThat(images)
        .extracting(Image::imageId)
        .containsExactlyInAnyOrder(
            "ami-eks-node-1.28",
            "ami-eks-node-1.29",
            "ami-eks-node-1.30",
            "ami-eks-node-1.31",
            "ami-eks-node-1.32",
            "ami-eks-node-1.33",
            "ami-eks-node-1.34");
  }

  @Test
  @DisplayName("? matches exactly one character, a backslash takes * literally, values are ORed")
  void wildcards() {
    assertThat(
            describe(
                DescribeImagesRequest.builder()
                    .filters(
                        filter("name", "amazon-eks-node-al2023-x86_64-standard-1.3?-v20261101"))))
        .extracting(Image::imageId)
        .containsExactlyInAnyOrder(
            "ami-eks-node-1.30",
            "ami-eks-node-1.31",
            "ami-eks-node-1.32",
            "ami-eks-node-1.33",
            "ami-eks-node-1.34");
    assertThat(
            describe(
                DescribeImagesRequest.builder()
                    .filters(filter("name", "amazon-eks-node-al2023-x86_64-standard-1.32-\\*"))))
        .isEmpty();
    assertThat(
            describe(
                DescribeImagesRequest.builder()
                    .filters(filter("image-id", "ami-eks-node-1.28", "ami-eks-node-1.29"))))
        .extracting(Image::imageId)
        .containsExactlyInAnyOrder("ami-eks-node-1.28", "ami-eks-node-1.29");
    assertThat(
            describe(
                DescribeImagesRequest.builder()
                    .filters(filter("name", "amazon-eks-node-al2023-x86_64-standard-1.3"))))
        .isEmpty();
  }

  @Test
  @DisplayName("Owner takes aliases, account ids and self; another owner's images are not listed")
  void owners() {
    aws.compute()
        .images()
        .register(
            new MachineImage(
                "ami-0acme00000000132",
                "amazon-eks-node-al2023-x86_64-standard-1.32-v20261201",
                MachineImages.OWN_ACCOUNT,
                Optional.empty(),
                "available",
                Instant.parse("2026-12-01T08:00:00Z"),
                "x86_64",
                "our own build, named like AWS's"));
    DescribeImagesRequest.Builder named =
        DescribeImagesRequest.builder()
            .filters(filter("name", "amazon-eks-node-al2023-x86_64-standard-1.32-*"));

    assertThat(describe(named.owners("amazon")))
        .extracting(Image::imageId)
        .doesNotContain("ami-0acme00000000132");
    assertThat(describe(named.owners("self")))
        .extracting(Image::imageId)
        .containsExactly("ami-0acme00000000132");
    assertThat(describe(named.owners(MachineImages.OWN_ACCOUNT)))
        .extracting(Image::imageId)
        .containsExactly("ami-0acme00000000132");
    assertThat(describe(named.owners(MachineImages.AMAZON_EKS_ACCOUNT))).hasSize(2);
    assertThat(describe(named.owners("aws-marketplace"))).isEmpty();
    Image own = describe(named.owners("self")).get(0);
    assertThat(own.imageOwnerAlias()).isNull();
    assertThat(own.ownerId()).isEqualTo(MachineImages.OWN_ACCOUNT);
  }

  @Test
  @DisplayName("state filters out images that are not available; an unknown filter is refused")
  void stateAndUnknownFilter() {
    aws.compute()
        .images()
        .register(
            new MachineImage(
                "ami-0pending0000133",
                "amazon-eks-node-al2023-x86_64-standard-1.33-v20261201",
                MachineImages.AMAZON_EKS_ACCOUNT,
                Optional.of("amazon"),
                "pending",
                Instant.parse("2026-12-01T08:00:00Z"),
                "x86_64",
                "still being built"));
    DescribeImagesRequest.Builder named =
        DescribeImagesRequest.builder()
            .owners("amazon")
            .filters(
                filter("name", "amazon-eks-node-al2023-x86_64-standard-1.33-*"),
                filter("state", "available"));
    assertThat(describe(named)).extracting(Image::imageId).containsExactly("ami-eks-node-1.33");

    assertThatThrownBy(
            () -> describe(DescribeImagesRequest.builder().filters(filter("colour", "blue"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.statusCode()).isEqualTo(400);
            });
  }

  @Test
  @DisplayName("ImageId names images; an unknown one is InvalidAMIID.NotFound")
  void byId() {
    assertThat(describe(DescribeImagesRequest.builder().imageIds("ami-eks-node-1.31")))
        .extracting(Image::name)
        .containsExactly("amazon-eks-node-al2023-x86_64-standard-1.31-v20261101");
    assertThatThrownBy(() -> describe(DescribeImagesRequest.builder().imageIds("ami-0nothing")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound"));
  }

  @Test
  @DisplayName("a launch template version from a looked-up image boots that image's kubelet")
  void imagesBootTheirVersion() {
    var template = aws.compute().createLaunchTemplate("nodes", "1.31.4");
    for (String image : List.of("ami-eks-node-1.32", "ami-eks-node-1.32-v20261001")) {
      var version =
          ec2.createLaunchTemplateVersion(
                  r ->
                      r.launchTemplateId(template.templateId())
                          .sourceVersion("1")
                          .launchTemplateData(d -> d.imageId(image)))
              .launchTemplateVersion();
      assertThat(
              aws.compute()
                  .launchTemplateVersions(
                      template.templateId(), null, List.of(version.versionNumber().toString()))
                  .get(0)
                  .kubeletVersion())
          .isEqualTo("v1.32.9");
    }
  }
}
