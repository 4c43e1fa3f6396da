package dev.shipmate.pipelines.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.engine.run.Failure;
import dev.shipmate.engine.run.FailureKind;
import dev.shipmate.pipelines.kubernetes.ConcurrentChangeException;
import dev.shipmate.pipelines.kubernetes.DeploymentRef;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesExceptionClassifierTest {
  private final KubernetesExceptionClassifier classifier = new KubernetesExceptionClassifier();

  private static KubernetesClientException answered(int code, String message) {
    Status status = new StatusBuilder().withCode(code).withMessage(message).build();
    return new KubernetesClientException(message, code, status);
  }

  private Failure classify(Throwable thrown) {
    return classifier.classify(thrown).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(ints = {409, 429, 500, 502, 503, 504})
  @DisplayName("conflicts, throttling and server errors are tried again")
  void transientCodes(int code) {
    assertThat(classify(answered(code, "busy")).kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  @DisplayName("an unreachable API is tried again")
  void unreachable() {
    KubernetesClientException e =
        new KubernetesClientException("failed", new ConnectException("Connection refused"));

    assertThat(classify(e).kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  @DisplayName("a 403 says what Shipmate's service account may not do, and where")
  void forbidden() {
    KubernetesClientException e =
        answered(
            403,
            "deployments.apps \"web\" is forbidden: User"
                + " \"system:serviceaccount:shipmate:shipmate\" cannot patch resource"
                + " \"deployments\" in API group \"apps\" in the namespace \"prod\"");

    Failure failure = classify(e);

    assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(failure.message())
        .startsWith("Shipmate's service account may not patch deployments in prod");
  }

  @Test
  @DisplayName("a 401 and a 404 are not retried, and say what to do")
  void permanentCodes() {
    assertThat(classify(answered(401, "Unauthorized")).message()).contains("credentials");
    assertThat(classify(answered(404, "not found")).message()).contains("was not found");
    assertThat(classify(answered(404, "not found")).kind()).isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  @DisplayName("a concurrent change keeps its own words; other exceptions are left to the engine")
  void ownExceptions() {
    Failure failure =
        classify(new ConcurrentChangeException(new DeploymentRef("prod", "web"), "1", "2"));

    assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(failure.message()).contains("changed while Shipmate was working on it");
    assertThat(classifier.classify(new IllegalStateException("bug"))).isEmpty();
    assertThat(classifier.classify(answered(422, "invalid"))).isEmpty();
  }
}
