package dev.shipmate.sandbox.aws;

/** One AWS service on the stand-in's shared endpoint, in that service's protocol. */
public interface AwsApi {

  /** Whether the request is for this service (by path, or by the Query protocol's Version). */
  boolean accepts(AwsRequest request);

  /** Answers the request; errors are answered in the service's own error shape, never thrown. */
  AwsResponse handle(AwsRequest request);
}
