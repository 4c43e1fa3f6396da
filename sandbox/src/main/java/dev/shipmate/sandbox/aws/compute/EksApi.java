package dev.shipmate.sandbox.aws.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * EKS's REST-JSON protocol: {@code /clusters/...} paths, JSON bodies with epoch-second timestamps,
 * errors named by the {@code x-amzn-ErrorType} header with a {@code message} body.
 */
public final class EksApi implements AwsApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:eks:eu-west-1:123456789012:";

  private final SimulatedEks eks;

  public EksApi(SimulatedEks eks) {
    this.eks = eks;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return request.path().startsWith("/clusters");
  }

  @Override
  public AwsResponse handle(AwsRequest request) {
    String requestId = RequestIds.next();
    try {
      List<String> path = request.segments();
      String operation = operation(request.method(), path);
      eks.faults().check(operation);
      ObjectNode body =
          switch (operation) {
            case "DescribeCluster" -> cluster(eks.describeCluster(path.get(1)));
            case "UpdateClusterVersion" ->
                update(eks.updateClusterVersion(path.get(1), text(request, "version")));
            case "DescribeUpdate" -> update(eks.update(path.get(1), path.get(3)));
            case "ListNodegroups" -> {
              ObjectNode node = JSON.createObjectNode();
              ArrayNode names = node.putArray("nodegroups");
              eks.nodegroups(path.get(1)).forEach(names::add);
              yield node;
            }
            case "DescribeNodegroup" -> nodegroup(eks.nodegroup(path.get(1), path.get(3)));
            case "UpdateNodegroupVersion" -> {
              JsonNode input = input(request);
              JsonNode template = input.path("launchTemplate");
              yield update(
                  eks.updateNodegroupVersion(
                      path.get(1),
                      path.get(3),
                      textOrNull(input, "version"),
                      textOrNull(template, "id"),
                      textOrNull(template, "name"),
                      textOrNull(template, "version"),
                      input.path("force").asBoolean(false)));
            }
            default ->
                throw new AwsError(
                    404,
                    "ResourceNotFoundException",
                    "The sandbox simulates no EKS operation at "
                        + request.method()
                        + " "
                        + request.path(),
                    true);
          };
      return AwsResponse.json(200, JSON.writeValueAsString(body))
          .withHeader("x-amzn-RequestId", requestId);
    } catch (AwsError e) {
      ObjectNode error = JSON.createObjectNode().put("message", e.getMessage());
      return new AwsResponse(
          e.status(),
          "application/json",
          error.toString(),
          Map.of("x-amzn-ErrorType", e.code(), "x-amzn-RequestId", requestId));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String operation(String method, List<String> path) {
    boolean get = "GET".equals(method);
    int size = path.size();
    if (size == 2 && get) {
      return "DescribeCluster";
    }
    if (size == 3 && path.get(2).equals("updates") && !get) {
      return "UpdateClusterVersion";
    }
    if (size == 4 && path.get(2).equals("updates") && get) {
      return "DescribeUpdate";
    }
    if (size == 3 && path.get(2).equals("node-groups") && get) {
      return "ListNodegroups";
    }
    if (size == 4 && path.get(2).equals("node-groups") && get) {
      return "DescribeNodegroup";
    }
    if (size == 5 && path.get(4).equals("update-version") && !get) {
      return "UpdateNodegroupVersion";
    }
    return "Unknown";
  }

  private static ObjectNode cluster(ClusterView cluster) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject("cluster");
    node.put("name", cluster.name())
        .put("arn", ARN + "cluster/" + cluster.name())
        .put("createdAt", seconds(cluster.createdAt()))
        .put("version", cluster.version())
        .put("endpoint", cluster.endpoint())
        .put("roleArn", "arn:aws:iam::123456789012:role/eks-cluster")
        .put("status", cluster.status())
        .put("platformVersion", cluster.platformVersion());
    node.putObject("certificateAuthority").put("data", "");
    node.putObject("resourcesVpcConfig").put("vpcId", "vpc-0sandbox");
    return root;
  }

  private static ObjectNode nodegroup(NodegroupView group) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject("nodegroup");
    node.put("nodegroupName", group.name())
        .put(
            "nodegroupArn",
            ARN + "nodegroup/" + group.clusterName() + "/" + group.name() + "/sandbox")
        .put("clusterName", group.clusterName())
        .put("version", group.version())
        .put("releaseVersion", group.releaseVersion())
        .put("createdAt", seconds(group.createdAt()))
        .put("modifiedAt", seconds(group.modifiedAt()))
        .put("status", group.status())
        .put("capacityType", "ON_DEMAND")
        .put("amiType", "AL2023_x86_64_STANDARD")
        .put("nodeRole", "arn:aws:iam::123456789012:role/eks-node");
    node.putObject("scalingConfig")
        .put("minSize", group.minSize())
        .put("maxSize", group.maxSize())
        .put("desiredSize", group.desiredSize());
    node.putArray("instanceTypes").add(group.launchTemplate().instanceType());
    node.putObject("updateConfig").put("maxUnavailable", 1);
    node.putObject("launchTemplate")
        .put("name", group.launchTemplate().templateName())
        .put("id", group.launchTemplate().templateId())
        .put("version", Long.toString(group.launchTemplate().number()));
    node.putObject("resources")
        .putArray("autoScalingGroups")
        .addObject()
        .put("name", group.autoScalingGroup());
    node.putObject("health").putArray("issues");
    return root;
  }

  private static ObjectNode update(EksUpdate update) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject("update");
    node.put("id", update.id())
        .put("status", update.status())
        .put("type", update.type())
        .put("createdAt", seconds(update.createdAt()));
    ArrayNode params = node.putArray("params");
    update
        .params()
        .forEach((type, value) -> params.addObject().put("type", type).put("value", value));
    ArrayNode errors = node.putArray("errors");
    update
        .errors()
        .forEach(
            (code, message) ->
                errors.addObject().put("errorCode", code).put("errorMessage", message));
    return root;
  }

  private static JsonNode input(AwsRequest request) {
    if (request.body().length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(request.body());
    } catch (IOException e) {
      throw AwsError.badRequest("InvalidRequestException", "The request body is not JSON");
    }
  }

  private static String text(AwsRequest request, String field) {
    String value = textOrNull(input(request), field);
    if (value == null) {
      throw AwsError.badRequest("InvalidParameterException", field + " is required");
    }
    return value;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
