package dev.shipmate.sandbox.aws;

/** A failure to inject into the next calls of an operation, answered as the real service does. */
public enum AwsFault {
  /**
   * HTTP 400 {@code Throttling} "Rate exceeded", what Route53's record APIs answer: the SDK retries
   * it as throttling but raises a plain {@code Route53Exception} with that error code.
   */
  THROTTLING(400, "Throttling", "Rate exceeded", true),
  /**
   * HTTP 400 {@code ThrottlingException}, the code the SDK maps to Route53's (and EKS's) typed
   * {@code ThrottlingException}.
   */
  THROTTLING_EXCEPTION(400, "ThrottlingException", "Rate exceeded", true),
  /** Route53's HTTP 400 while a previous change to the zone is still being processed. */
  PRIOR_REQUEST_NOT_COMPLETE(
      400,
      "PriorRequestNotComplete",
      "The request was rejected because Route 53 was still processing a prior request.",
      true),
  /** HTTP 500: the service failed. */
  INTERNAL_ERROR(
      500, "InternalFailure", "We encountered an internal error. Please try again.", false),
  /** HTTP 503: the service is unavailable. */
  SERVICE_UNAVAILABLE(
      503, "ServiceUnavailable", "Service is unavailable. Please try again.", false);

  private final int status;
  private final String code;
  private final String message;
  private final boolean sender;

  AwsFault(int status, String code, String message, boolean sender) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.sender = sender;
  }

  public AwsError toError() {
    return new AwsError(status, code, message, sender);
  }
}
