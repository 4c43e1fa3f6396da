package dev.shipmate.pipelines.cutover;

import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.run.Failure;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * What Route53's exceptions mean for a cutover run, registered with the engine by the bot.
 * Throttling, {@code PriorRequestNotComplete} (another change to the zone still being processed),
 * 5xx and no answer at all are transient: the step is tried again after a backoff. A rejected
 * batch, a missing zone or refused credentials are not, and say what to fix. Route53's own texts
 * stay in the log, except a rejected batch's reasons, which name only records.
 */
public final class Route53ExceptionClassifier implements ExceptionClassifier {

  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "PriorRequestNotComplete",
          "RequestTimeout",
          "ServiceUnavailable",
          "InternalFailure",
          "InternalError");

  private static final Set<String> DENIED_CODES =
      Set.of("AccessDenied", "AccessDeniedException", "NotAuthorizedException");

  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidSignatureException");

  @Override
  public Optional<Failure> classify(Throwable thrown) {
    if (thrown instanceof CutoverRefusedException refused) {
      return Optional.of(Failure.user(String.join("\n", refused.problems())));
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException e) {
        return Optional.of(classify(e));
      }
      if (t instanceof SdkClientException) {
        return Optional.of(
            Failure.transientFailure(
                "Route53 could not be reached (no answer, or the connection failed); trying"
                    + " again"));
      }
    }
    return Optional.empty();
  }

  private static Failure classify(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (e.isThrottlingException()
        || (code != null && TRANSIENT_CODES.contains(code))
        || e.statusCode() >= 500) {
      return Failure.transientFailure(
          "Route53 asked to slow down or failed ("
              + (code == null ? "HTTP " + e.statusCode() : code)
              + "); trying again");
    }
    if (e instanceof InvalidChangeBatchException) {
      return Failure.permanent(
          "Route53 rejected the change batch, and changed nothing: "
              + reason(e)
              + ". Check the blue and green records of the cutover in the zone.");
    }
    if (e instanceof NoSuchHostedZoneException || "NoSuchHostedZone".equals(code)) {
      return Failure.permanent(
          "Route53 has no such hosted zone: correct cutovers.*.zone in the configuration (the"
              + " zone id, e.g. Z0EXAMPLE, without /hostedzone/).");
    }
    if ((code != null && DENIED_CODES.contains(code)) || e.statusCode() == 403) {
      if (code != null && CREDENTIAL_CODES.contains(code)) {
        return credentials();
      }
      return Failure.permanent(
          "Shipmate's AWS credentials are not allowed to do this in Route53: grant them"
              + " route53:ListResourceRecordSets, route53:ChangeResourceRecordSets and"
              + " route53:GetChange on the zone, then try again.");
    }
    if (code != null && CREDENTIAL_CODES.contains(code)) {
      return credentials();
    }
    return Failure.permanent(
        "Route53 refused the request ("
            + (code == null ? "HTTP " + e.statusCode() : code)
            + "); nothing was changed. The details are in Shipmate's log.");
  }

  private static Failure credentials() {
    return Failure.permanent(
        "Route53 did not accept Shipmate's AWS credentials: renew them (AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or the role Shipmate runs as) and try again.");
  }

  /** Route53's reasons, without the SDK's service and request-id suffix. */
  private static String reason(AwsServiceException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    return message.strip().replaceAll("\\.$", "");
  }
}
