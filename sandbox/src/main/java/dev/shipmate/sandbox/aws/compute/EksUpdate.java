package dev.shipmate.sandbox.aws.compute;

import java.time.Instant;
import java.util.Map;

/**
 * An EKS update as DescribeUpdate answers it.
 *
 * @param type {@code VersionUpdate}
 * @param status {@code InProgress}, {@code Successful} or {@code Failed}
 * @param params e.g. {@code Version=1.32}
 * @param errors {@code errorCode → errorMessage}, empty unless failed
 */
public record EksUpdate(
    String id,
    String type,
    String status,
    Map<String, String> params,
    Instant createdAt,
    Map<String, String> errors,
    String nodegroup) {

  public EksUpdate {
    params = Map.copyOf(params);
    errors = Map.copyOf(errors);
  }

  EksUpdate finished(String newStatus, Map<String, String> newErrors) {
    return new EksUpdate(id, type, newStatus, params, createdAt, newErrors, nodegroup);
  }

  public boolean inProgress() {
    return "InProgress".equals(status);
  }
}
