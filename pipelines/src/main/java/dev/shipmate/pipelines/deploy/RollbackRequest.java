package dev.shipmate.pipelines.deploy;

import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a {@code rollback} run: the service and environment, and the version to go back
 * to — empty for the previous revision, as {@code kubectl rollout undo} picks it.
 */
public record RollbackRequest(String service, String environment, Optional<String> toVersion) {
  public RollbackRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(toVersion, "toVersion");
  }
}
