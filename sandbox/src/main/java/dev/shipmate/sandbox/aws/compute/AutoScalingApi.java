package dev.shipmate.sandbox.aws.compute;

import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import dev.shipmate.sandbox.aws.Xml;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Auto Scaling's Query protocol (API version 2011-01-01): form-encoded {@code Action=...}, XML
 * answers in Auto Scaling's namespace, errors as {@code ErrorResponse}.
 */
public final class AutoScalingApi implements AwsApi {

  public static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  private static final String ACCOUNT = "123456789012";

  private final SimulatedCompute compute;
  private final Clock clock;

  public AutoScalingApi(SimulatedCompute compute, Clock clock) {
    this.compute = compute;
    this.clock = clock;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return "POST".equals(request.method()) && "2011-01-01".equals(request.form().get("Version"));
  }

  @Override
  public AwsResponse handle(AwsRequest request) {
    String requestId = RequestIds.next();
    QueryParameters params = new QueryParameters(request.form());
    String action = params.get("Action");
    try {
      compute.faults().check(action);
      Xml xml = Xml.document(action + "Response", NAMESPACE);
      switch (action) {
        case "DescribeAutoScalingGroups" -> describeGroups(xml, params);
        case "UpdateAutoScalingGroup" -> {
          compute.updateGroup(
              params.get("AutoScalingGroupName"),
              params.get("LaunchTemplate.LaunchTemplateId"),
              params.get("LaunchTemplate.LaunchTemplateName"),
              params.get("LaunchTemplate.Version"),
              params.integer("MinSize"),
              params.integer("MaxSize"),
              params.integer("DesiredCapacity"));
        }
        case "SetDesiredCapacity" ->
            compute.setDesiredCapacity(
                params.get("AutoScalingGroupName"), params.integer("DesiredCapacity"));
        case "TerminateInstanceInAutoScalingGroup" -> terminate(xml, params);
        default ->
            throw new AwsError(
                400,
                "InvalidAction",
                "The action " + action + " is not valid for this web service.",
                true);
      }
      return AwsResponse.xml(
          200, xml.start("ResponseMetadata").element("RequestId", requestId).end().toString());
    } catch (AwsError e) {
      return error(e, requestId);
    }
  }

  private void describeGroups(Xml xml, QueryParameters params) {
    xml.start("DescribeAutoScalingGroupsResult").start("AutoScalingGroups");
    for (GroupView group : compute.groups(params.list("AutoScalingGroupNames.member"))) {
      xml.start("member")
          .element("AutoScalingGroupName", group.name())
          .element(
              "AutoScalingGroupARN",
              "arn:aws:autoscaling:eu-west-1:"
                  + ACCOUNT
                  + ":autoScalingGroup:"
                  + UUID.nameUUIDFromBytes(group.name().getBytes())
                  + ":autoScalingGroupName/"
                  + group.name());
      launchTemplate(xml, group.launchTemplate(), group.launchTemplateVersion());
      xml.element("MinSize", group.minSize())
          .element("MaxSize", group.maxSize())
          .element("DesiredCapacity", group.desiredCapacity())
          .element("DefaultCooldown", 300)
          .start("AvailabilityZones")
          .element("member", "eu-west-1a")
          .element("member", "eu-west-1b")
          .element("member", "eu-west-1c")
          .end()
          .element("HealthCheckType", "EC2")
          .element("HealthCheckGracePeriod", 300)
          .start("Instances");
      for (Instance instance : group.instances()) {
        xml.start("member")
            .element("InstanceId", instance.id())
            .element("InstanceType", instance.launchTemplate().instanceType())
            .element("AvailabilityZone", instance.availabilityZone())
            .element("LifecycleState", instance.lifecycleState())
            .element("HealthStatus", "Healthy");
        launchTemplate(
            xml, instance.launchTemplate(), Long.toString(instance.launchTemplate().number()));
        xml.element("ProtectedFromScaleIn", false).end();
      }
      xml.end()
          .element("CreatedTime", "2025-06-01T09:00:00.000Z")
          .start("TerminationPolicies")
          .element("member", "Default")
          .end()
          .element("NewInstancesProtectedFromScaleIn", false)
          .end();
    }
    xml.end().end();
  }

  private static void launchTemplate(Xml xml, LaunchTemplateVersion template, String version) {
    xml.start("LaunchTemplate")
        .element("LaunchTemplateId", template.templateId())
        .element("LaunchTemplateName", template.templateName())
        .element("Version", version)
        .end();
  }

  private void terminate(Xml xml, QueryParameters params) {
    String instanceId = params.get("InstanceId");
    boolean decrement = params.bool("ShouldDecrementDesiredCapacity");
    Instance instance = compute.terminate(instanceId, decrement);
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    xml.start("TerminateInstanceInAutoScalingGroupResult")
        .start("Activity")
        .element("ActivityId", UUID.nameUUIDFromBytes((instanceId + now).getBytes()).toString())
        .element("AutoScalingGroupName", instance.groupName())
        .element("Description", "Terminating EC2 instance: " + instanceId)
        .element(
            "Cause",
            "At "
                + now
                + " instance "
                + instanceId
                + " was taken out of service in response to a user request"
                + (decrement ? ", shrinking the capacity from N to N-1." : "."))
        .element("StartTime", now)
        .element("StatusCode", "InProgress")
        .element("Progress", 0)
        .element(
            "Details",
            "{\"Subnet ID\":\"subnet-0sandbox\",\"Availability Zone\":\""
                + instance.availabilityZone()
                + "\"}")
        .end()
        .end();
  }

  private static AwsResponse error(AwsError e, String requestId) {
    String body =
        Xml.document("ErrorResponse", NAMESPACE)
            .start("Error")
            .element("Type", e.type())
            .element("Code", e.code())
            .element("Message", e.getMessage())
            .end()
            .element("RequestId", requestId)
            .toString();
    return new AwsResponse(e.status(), "text/xml", body, Map.of("x-amzn-RequestId", requestId));
  }
}
