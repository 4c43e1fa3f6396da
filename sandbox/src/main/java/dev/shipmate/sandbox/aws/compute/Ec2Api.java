package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import dev.shipmate.sandbox.aws.Xml;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's Query protocol (API version 2016-11-15), for launch template versions, instances and
 * machine images: lower camel-case elements, lists of {@code item}, errors as {@code
 * Response/Errors/Error}.
 */
public final class Ec2Api implements AwsApi {

  public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  /** How EC2 writes an image's creation date (a text, not a timestamp): always with millis. */
  private static final DateTimeFormatter CREATION_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SimulatedCompute compute;

  public Ec2Api(SimulatedCompute compute) {
    this.compute = compute;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return "POST".equals(request.method()) && "2016-11-15".equals(request.form().get("Version"));
  }

  @Override
  public AwsResponse handle(AwsRequest request) {
    String requestId = RequestIds.next();
    QueryParameters params = new QueryParameters(request.form());
    String action = params.get("Action");
    try {
      compute.faults().check(action);
      Xml xml = Xml.document(action + "Response", NAMESPACE).element("requestId", requestId);
      switch (action) {
        case "CreateLaunchTemplateVersion" -> {
          LaunchTemplateVersion version =
              compute.createLaunchTemplateVersion(
                  params.get("LaunchTemplateId"),
                  params.get("LaunchTemplateName"),
                  params.get("SourceVersion"),
                  params.get("VersionDescription"),
                  params.get("LaunchTemplateData.ImageId"),
                  params.get("LaunchTemplateData.InstanceType"));
          xml.start("launchTemplateVersion");
          version(xml, version);
          xml.end();
        }
        case "DescribeLaunchTemplateVersions" -> {
          xml.start("launchTemplateVersionSet");
          for (LaunchTemplateVersion version :
              compute.launchTemplateVersions(
                  params.get("LaunchTemplateId"),
                  params.get("LaunchTemplateName"),
                  params.list("LaunchTemplateVersion"))) {
            xml.start("item");
            version(xml, version);
            xml.end();
          }
          xml.end();
        }
        case "DescribeInstances" -> describeInstances(xml, params);
        case "DescribeImages" -> describeImages(xml, params);
        default ->
            throw new AwsError(
                400,
                "InvalidAction",
                "The action " + action + " is not valid for this web service.",
                true);
      }
      return AwsResponse.xml(200, xml.toString());
    } catch (AwsError e) {
      String body =
          Xml.document("Response", null)
              .start("Errors")
              .start("Error")
              .element("Code", e.code())
              .element("Message", e.getMessage())
              .end()
              .end()
              .element("RequestID", requestId)
              .toString();
      return AwsResponse.xml(e.status(), body);
    }
  }

  private static void version(Xml xml, LaunchTemplateVersion version) {
    xml.element("launchTemplateId", version.templateId())
        .element("launchTemplateName", version.templateName())
        .element("versionNumber", version.number())
        .element("versionDescription", version.description())
        .element("createTime", time(version.createTime()))
        .element("createdBy", "arn:aws:iam::123456789012:root")
        .start("launchTemplateData")
        .element("imageId", version.imageId())
        .element("instanceType", version.instanceType())
        .end();
  }

  private void describeInstances(Xml xml, QueryParameters params) {
    List<String> ids = params.list("InstanceId");
    for (String id : ids) {
      if (compute.instance(id).isEmpty()) {
        throw AwsError.badRequest(
            "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
    }
    List<Predicate<Instance>> filters = new ArrayList<>();
    for (int i = 1; params.get("Filter." + i + ".Name") != null; i++) {
      String name = params.get("Filter." + i + ".Name");
      List<String> values = params.list("Filter." + i + ".Value");
      filters.add(filter(name, values));
    }
    xml.start("reservationSet");
    for (Instance instance : compute.instances()) {
      if ((!ids.isEmpty() && !ids.contains(instance.id()))
          || !filters.stream().allMatch(f -> f.test(instance))) {
        continue;
      }
      xml.start("item")
          .element("reservationId", "r-" + instance.id().substring(2))
          .element("ownerId", "123456789012")
          .start("instancesSet")
          .start("item")
          .element("instanceId", instance.id())
          .element("imageId", instance.launchTemplate().imageId())
          .start("instanceState")
          .element("code", instance.stateCode())
          .element("name", instance.state())
          .end()
          .element("privateDnsName", instance.nodeName())
          .element("instanceType", instance.launchTemplate().instanceType())
          .element("launchTime", time(instance.launchTime()))
          .start("placement")
          .element("availabilityZone", instance.availabilityZone())
          .end()
          .element("privateIpAddress", instance.privateIp())
          .start("tagSet");
      tag(xml, "aws:autoscaling:groupName", instance.groupName());
      tag(xml, "aws:ec2launchtemplate:id", instance.launchTemplate().templateId());
      tag(xml, "aws:ec2launchtemplate:version", Long.toString(instance.launchTemplate().number()));
      xml.end().end().end().end();
    }
    xml.end();
  }

  private static Predicate<Instance> filter(String name, List<String> values) {
    return switch (name) {
      case "instance-state-name" -> instance -> values.contains(instance.state());
      case "private-dns-name" -> instance -> values.contains(instance.nodeName());
      case "instance-id" -> instance -> values.contains(instance.id());
      case "tag:aws:autoscaling:groupName" -> instance -> values.contains(instance.groupName());
      default ->
          throw AwsError.badRequest(
              "InvalidParameterValue", "The filter '" + name + "' is invalid");
    };
  }

  /**
   * DescribeImages: {@code ImageId.N}, {@code Owner.N} (account ids, {@code self}, {@code amazon},
   * {@code aws-marketplace}: any of them) and {@code Filter.N} ({@code name}, {@code state}, {@code
   * image-id}, {@code owner-alias}, {@code owner-id}, {@code architecture}, {@code description};
   * any value of a filter, every filter; {@code *} and {@code ?} are wildcards, {@code \} escapes).
   */
  private void describeImages(Xml xml, QueryParameters params) {
    List<String> ids = params.list("ImageId");
    for (String id : ids) {
      if (compute.images().image(id).isEmpty()) {
        throw AwsError.badRequest(
            "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
      }
    }
    List<String> owners = params.list("Owner");
    List<Predicate<MachineImage>> filters = new ArrayList<>();
    for (int i = 1; params.get("Filter." + i + ".Name") != null; i++) {
      String name = params.get("Filter." + i + ".Name");
      List<Pattern> values =
          params.list("Filter." + i + ".Value").stream().map(Ec2Api::wildcard).toList();
      Function<MachineImage, String> field = imageField(name);
      filters.add(
          image -> {
            String value = field.apply(image);
            return value != null && values.stream().anyMatch(v -> v.matcher(value).matches());
          });
    }
    xml.start("imagesSet");
    for (MachineImage image : compute.images().all()) {
      if ((!ids.isEmpty() && !ids.contains(image.id()))
          || (!owners.isEmpty() && owners.stream().noneMatch(o -> ownedBy(image, o)))
          || !filters.stream().allMatch(f -> f.test(image))) {
        continue;
      }
      xml.start("item")
          .element("imageId", image.id())
          .element("imageLocation", image.ownerAlias().orElse(image.ownerId()) + "/" + image.name())
          .element("imageState", image.state())
          .element("imageOwnerId", image.ownerId())
          .element("creationDate", CREATION_DATE.format(image.creationDate()))
          .element("isPublic", image.ownerAlias().isPresent())
          .element("architecture", image.architecture())
          .element("imageType", "machine")
          .element("name", image.name())
          .element("description", image.description())
          .element("imageOwnerAlias", image.ownerAlias().orElse(null))
          .element("rootDeviceType", "ebs")
          .element("rootDeviceName", "/dev/xvda")
          .element("virtualizationType", "hvm")
          .element("hypervisor", "xen")
          .element("enaSupport", true)
          .element("platformDetails", "Linux/UNIX")
          .end();
    }
    xml.end();
  }

  private static boolean ownedBy(MachineImage image, String owner) {
    String account = "self".equals(owner) ? MachineImages.OWN_ACCOUNT : owner;
    return account.equals(image.ownerId()) || image.ownerAlias().map(owner::equals).orElse(false);
  }

  private static Function<MachineImage, String> imageField(String filter) {
    return switch (filter) {
      case "name" -> MachineImage::name;
      case "state" -> MachineImage::state;
      case "image-id" -> MachineImage::id;
      case "owner-alias" -> image -> image.ownerAlias().orElse(null);
      case "owner-id" -> MachineImage::ownerId;
      case "architecture" -> MachineImage::architecture;
      case "description" -> MachineImage::description;
      default ->
          throw AwsError.badRequest(
              "InvalidParameterValue", "The filter '" + filter + "' is invalid");
    };
  }

  /**
   * A filter value as EC2 reads it: {@code *} any run of characters, {@code ?} exactly one, and a
   * backslash takes the next character literally.
   */
  static Pattern wildcard(String value) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        literal.append(value.charAt(++i));
        continue;
      }
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
        continue;
      }
      literal.append(c);
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static void tag(Xml xml, String key, String value) {
    xml.start("item").element("key", key).element("value", value).end();
  }

  private static String time(java.time.Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
