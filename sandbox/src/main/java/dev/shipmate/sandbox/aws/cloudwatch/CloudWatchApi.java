package dev.shipmate.sandbox.aws.cloudwatch;

import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import dev.shipmate.sandbox.aws.Xml;
import dev.shipmate.sandbox.aws.compute.QueryParameters;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch's Query protocol (API version 2010-08-01), the protocol the pinned AWS SDK v2's
 * CloudWatch client speaks ({@code AwsQueryProtocolFactory}): form-encoded {@code
 * Action=DescribeAlarms}, XML answers in CloudWatch's namespace, errors as {@code ErrorResponse}.
 * Only {@code DescribeAlarms} is served, as strictly as AWS: the region comes from the SigV4
 * credential scope (a request without one is refused), {@code AlarmNames} and {@code
 * AlarmNamePrefix} exclude each other, {@code MaxRecords} is 1 to 100, a state is one of the three,
 * an unknown {@code NextToken} is refused, and a name no alarm has simply matches nothing.
 */
public final class CloudWatchApi implements AwsApi {

  public static final String VERSION = "2010-08-01";
  public static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  private static final String ACCOUNT = "123456789012";

  /** {@code Credential=AKID/20261208/eu-west-1/monitoring/aws4_request}. */
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

  private static final int DEFAULT_MAX_RECORDS = 50;

  private final SimulatedCloudWatch cloudWatch;

  public CloudWatchApi(SimulatedCloudWatch cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return "POST".equals(request.method()) && VERSION.equals(request.form().get("Version"));
  }

  @Override
  public AwsResponse handle(AwsRequest request) {
    String requestId = RequestIds.next();
    QueryParameters params = new QueryParameters(request.form());
    String action = params.get("Action");
    try {
      String region = region(request);
      if (!"DescribeAlarms".equals(action)) {
        throw new AwsError(
            400,
            "InvalidAction",
            "The action " + action + " is not valid for this web service.",
            true);
      }
      cloudWatch.faults().check(action);
      Xml xml = Xml.document(action + "Response", NAMESPACE);
      describeAlarms(xml, params, region);
      return AwsResponse.xml(
              200, xml.start("ResponseMetadata").element("RequestId", requestId).end().toString())
          .withHeader("x-amzn-RequestId", requestId);
    } catch (AwsError e) {
      return error(e, requestId);
    }
  }

  private void describeAlarms(Xml xml, QueryParameters params, String region) {
    List<String> names = params.list("AlarmNames.member");
    String prefix = params.get("AlarmNamePrefix");
    if (!names.isEmpty() && prefix != null) {
      throw AwsError.badRequest(
          "InvalidParameterCombination",
          "AlarmNames and AlarmNamePrefix are mutually exclusive; specify one of them.");
    }
    if (names.size() > 100) {
      throw validation(
          "Value '"
              + names
              + "' at 'alarmNames' failed to satisfy constraint: Member must have"
              + " length less than or equal to 100");
    }
    for (int i = 0; i < names.size(); i++) {
      int length = names.get(i).length();
      if (length < 1 || length > 255) {
        throw validation(
            "Value '"
                + names.get(i)
                + "' at 'alarmNames."
                + (i + 1)
                + ".member' failed to satisfy constraint: Member must have length "
                + (length < 1 ? "greater than or equal to 1" : "less than or equal to 255"));
      }
    }
    String state = params.get("StateValue");
    if (state != null
        && Arrays.stream(AlarmState.values()).noneMatch(s -> s.name().equals(state))) {
      throw validation(
          "Value '"
              + state
              + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [INSUFFICIENT_DATA, ALARM, OK]");
    }
    Integer maxRecords = params.integer("MaxRecords");
    if (maxRecords != null && (maxRecords < 1 || maxRecords > 100)) {
      throw validation(
          "Value '"
              + maxRecords
              + "' at 'maxRecords' failed to satisfy constraint: Member must have value "
              + (maxRecords < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
    }
    List<String> types = params.list("AlarmTypes.member");
    for (String type : types) {
      if (!type.equals("MetricAlarm") && !type.equals("CompositeAlarm")) {
        throw validation(
            "Value '"
                + type
                + "' at 'alarmTypes' failed to satisfy constraint: Member must satisfy enum value"
                + " set: [CompositeAlarm, MetricAlarm]");
      }
    }
    cloudWatch.recordAsked(names);
    boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
    List<Alarm> matching =
        metricAlarms
            ? cloudWatch.alarms(region).stream()
                .filter(a -> names.isEmpty() || names.contains(a.name()))
                .filter(a -> prefix == null || a.name().startsWith(prefix))
                .filter(a -> state == null || a.state().name().equals(state))
                .toList()
            : List.of();
    int from = start(params.get("NextToken"), matching.size());
    int to =
        Math.min(matching.size(), from + (maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords));

    xml.start("DescribeAlarmsResult").start("MetricAlarms");
    for (Alarm alarm : matching.subList(from, to)) {
      metricAlarm(xml, alarm);
    }
    xml.end().start("CompositeAlarms").end();
    if (to < matching.size()) {
      xml.element("NextToken", token(to));
    }
    xml.end();
  }

  private static void metricAlarm(Xml xml, Alarm alarm) {
    String updated =
        DateTimeFormatter.ISO_INSTANT.format(alarm.updatedAt().truncatedTo(ChronoUnit.MILLIS));
    xml.start("member")
        .element("AlarmName", alarm.name())
        .element(
            "AlarmArn",
            "arn:aws:cloudwatch:" + alarm.region() + ":" + ACCOUNT + ":alarm:" + alarm.name())
        .element("AlarmConfigurationUpdatedTimestamp", "2026-01-01T00:00:00.000Z")
        .element("ActionsEnabled", true)
        .start("OKActions")
        .end()
        .start("AlarmActions")
        .end()
        .start("InsufficientDataActions")
        .end()
        .element("StateValue", alarm.state().name())
        .element("StateReason", alarm.reason())
        .element("StateUpdatedTimestamp", updated)
        .element("StateTransitionedTimestamp", updated)
        .element("MetricName", "HTTPCode_Target_5XX_Count")
        .element("Namespace", "AWS/ApplicationELB")
        .element("Statistic", "Sum")
        .start("Dimensions")
        .end()
        .element("Period", 60)
        .element("EvaluationPeriods", 1)
        .element("Threshold", "5.0")
        .element("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .element("TreatMissingData", "notBreaching")
        .end();
  }

  /** The region the request was signed for: CloudWatch is regional, and reads it from there. */
  private static String region(AwsRequest request) {
    String authorization = request.headers().get("authorization");
    if (authorization == null) {
      throw new AwsError(
          403, "MissingAuthenticationToken", "Request is missing Authentication Token", true);
    }
    Matcher scope = SCOPE.matcher(authorization);
    if (!scope.find()) {
      throw new AwsError(
          403,
          "IncompleteSignature",
          "Authorization header requires 'Credential' parameter. Authorization=" + authorization,
          true);
    }
    if (!scope.group(2).equals("monitoring")) {
      throw new AwsError(
          403,
          "SignatureDoesNotMatch",
          "Credential should be scoped to correct service: 'monitoring'.",
          true);
    }
    return scope.group(1);
  }

  private static int start(String nextToken, int size) {
    if (nextToken == null) {
      return 0;
    }
    Matcher token = Pattern.compile("sandbox-(\\d+)").matcher(nextToken);
    if (!token.matches() || Integer.parseInt(token.group(1)) > size) {
      throw AwsError.badRequest("InvalidNextToken", "The service couldn't process the token.");
    }
    return Integer.parseInt(token.group(1));
  }

  private static String token(int index) {
    return "sandbox-" + index;
  }

  private static AwsError validation(String detail) {
    return AwsError.badRequest("ValidationError", "1 validation error detected: " + detail);
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
