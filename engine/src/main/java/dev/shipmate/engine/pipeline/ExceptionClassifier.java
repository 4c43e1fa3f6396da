package dev.shipmate.engine.pipeline;

import dev.shipmate.engine.run.Failure;
import java.util.Optional;

/**
 * Turns an exception a step threw into a classified, user-safe failure, or passes. Pipelines add
 * their own for the libraries they use (a Kubernetes 409 is transient, a 403 is not), since the
 * engine cannot see those libraries.
 */
@FunctionalInterface
public interface ExceptionClassifier {
  Optional<Failure> classify(Throwable thrown);
}
