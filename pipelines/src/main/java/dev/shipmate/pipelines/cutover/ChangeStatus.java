package dev.shipmate.pipelines.cutover;

/** Where a submitted change batch is: still propagating to Route53's name servers, or on all. */
public enum ChangeStatus {
  PENDING,
  INSYNC
}
