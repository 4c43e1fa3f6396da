package dev.shipmate.pipelines.kubernetes;

import java.util.List;

/**
 * A cluster names a kubeconfig context that the kubeconfig does not have. Refused rather than
 * falling back to the current context, which would act on the wrong cluster.
 */
public final class UnknownContextException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownContextException(String context, List<String> known, String source) {
    super(
        "no kubeconfig context named '"
            + context
            + "' in "
            + source
            + (known.isEmpty()
                ? " (it has no contexts)"
                : " (its contexts: " + String.join(", ", known) + ")")
            + ": fix the cluster's context in the configuration, or point KUBECONFIG at a"
            + " kubeconfig that has it");
  }
}
