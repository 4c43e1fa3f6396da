package dev.shipmate.pipelines.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

class Route53ExceptionClassifierTest {
  private final Route53ExceptionClassifier classifier = new Route53ExceptionClassifier();

  private static <B extends AwsServiceException.Builder> AwsServiceException error(
      B builder, int status, String code, String message) {
    return builder
        .statusCode(status)
        .message(message)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("Route53")
                .build())
        .build();
  }

  private Failure classify(Throwable thrown) {
    return classifier.classify(thrown).orElseThrow();
  }

  @Test
  @DisplayName("throttling, a prior request still in progress and 5xx are transient")
  void transientErrors() {
    assertThat(
            classify(error(Route53Exception.builder(), 400, "Throttling", "Rate exceeded")).kind())
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(
            classify(
                    error(
                        ThrottlingException.builder(), 400, "ThrottlingException", "Rate exceeded"))
                .kind())
        .isEqualTo(FailureKind.TRANSIENT);
    Failure prior =
        classify(
            error(
                PriorRequestNotCompleteException.builder(),
                400,
                "PriorRequestNotComplete",
                "still processing"));
    assertThat(prior.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(prior.message()).contains("PriorRequestNotComplete").contains("trying again");
    assertThat(
            classify(error(Route53Exception.builder(), 503, "ServiceUnavailable", "down")).kind())
        .isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  @DisplayName("no answer at all is transient")
  void unreachable() {
    Failure failure =
        classify(
            SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new IOException("Connection refused"))
                .build());

    assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(failure.message()).contains("could not be reached");
  }

  @Test
  @DisplayName("a rejected batch is permanent, says nothing changed and gives Route53's reason")
  void invalidBatch() {
    Failure failure =
        classify(
            error(
                InvalidChangeBatchException.builder(),
                400,
                "InvalidChangeBatch",
                "[Tried to delete resource record set [name='www.example.com.', type='CNAME',"
                    + " set-identifier='green'] but it was not found]"));

    assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(failure.message())
        .startsWith("Route53 rejected the change batch, and changed nothing:")
        .contains("set-identifier='green'");
  }

  @Test
  @DisplayName("a missing zone and refused credentials are permanent and say what to fix")
  void permanentErrors() {
    Failure zone =
        classify(
            error(
                NoSuchHostedZoneException.builder(),
                404,
                "NoSuchHostedZone",
                "No hosted zone found with ID: Z0NOPE"));
    Failure denied =
        classify(
            error(
                Route53Exception.builder(),
                403,
                "AccessDenied",
                "User: arn:aws:iam::123:user/x is not authorized"));
    Failure expired =
        classify(error(Route53Exception.builder(), 403, "ExpiredToken", "token expired"));

    assertThat(zone.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(zone.message()).contains("cutovers.*.zone");
    assertThat(denied.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(denied.message())
        .contains("route53:ChangeResourceRecordSets")
        .doesNotContain("arn:aws:iam");
    assertThat(expired.message()).contains("renew");
  }

  @Test
  @DisplayName("a refused cutover is the user's to fix; other exceptions are not this one's")
  void refusedAndOthers() {
    assertThat(classify(new CutoverRefusedException("no record 'green'")))
        .isEqualTo(Failure.user("no record 'green'"));
    assertThat(classifier.classify(new IllegalStateException("bug"))).isEmpty();
  }
}
