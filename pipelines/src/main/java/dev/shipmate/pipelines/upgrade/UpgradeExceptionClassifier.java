package dev.shipmate.pipelines.upgrade;

import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.run.Failure;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the upgrade's AWS calls (Auto Scaling, EC2, EKS) and refusals mean for a run. Register it
 * before the Route53 classifier, which takes any AWS exception for its own. Throttling, an update
 * already in progress and 5xx are transient; anything else is permanent and names the service and
 * its error code (AWS's own texts stay in the log).
 */
public final class UpgradeExceptionClassifier implements ExceptionClassifier {

  private static final Set<String> SERVICES = Set.of("autoscaling", "auto scaling", "ec2", "eks");

  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "ResourceInUseException",
          "ServerException",
          "ServiceUnavailable",
          "ServiceUnavailableException",
          "InternalError",
          "InternalFailure");

  @Override
  public Optional<Failure> classify(Throwable thrown) {
    if (thrown instanceof UpgradeRefusedException refused) {
      return Optional.of(Failure.user(String.join(" ", refused.problems())));
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException e && ours(e)) {
        return Optional.of(classify(e));
      }
      if (t instanceof SdkClientException && fromUpgrade(t)) {
        return Optional.of(
            Failure.transientFailure(
                "AWS (Auto Scaling, EC2 or EKS) could not be reached; trying again"));
      }
    }
    return Optional.empty();
  }

  private static boolean ours(AwsServiceException e) {
    return e.awsErrorDetails() != null
        && SERVICES.contains(
            String.valueOf(e.awsErrorDetails().serviceName()).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean fromUpgrade(Throwable t) {
    return Arrays.stream(t.getStackTrace())
        .anyMatch(
            frame ->
                frame.getClassName().startsWith(UpgradeExceptionClassifier.class.getPackageName()));
  }

  private static Failure classify(AwsServiceException e) {
    String service = e.awsErrorDetails().serviceName();
    String code = e.awsErrorDetails().errorCode();
    if (e.isThrottlingException()
        || (code != null && TRANSIENT_CODES.contains(code))
        || e.statusCode() >= 500) {
      return Failure.transientFailure(
          service + " asked to slow down or is busy (" + code + "); trying again");
    }
    if (code != null && (code.contains("AccessDenied") || code.contains("UnauthorizedOperation"))) {
      return Failure.permanent(
          service
              + " refused Shipmate's credentials ("
              + code
              + "): grant its role the permissions in deploy/ (Auto Scaling, EC2 launch templates"
              + " and images, EKS updates) and try again.");
    }
    return Failure.permanent(
        service
            + " refused a request of the upgrade ("
            + code
            + "); Shipmate's log has AWS's message. Nothing further was changed.");
  }
}
