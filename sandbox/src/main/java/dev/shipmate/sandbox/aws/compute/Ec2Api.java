package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import dev.shipmate.sandbox.aws.Xml;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * EC2's Query protocol (API version 2016-11-15), for launch template versions and instances: lower
 * camel-case elements, lists of {@code item}, errors as {@code Response/Errors/Error}.
 */
public final class Ec2Api implements AwsApi {

  public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

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

  private static void tag(Xml xml, String key, String value) {
    xml.start("item").element("key", key).element("value", value).end();
  }

  private static String time(java.time.Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
