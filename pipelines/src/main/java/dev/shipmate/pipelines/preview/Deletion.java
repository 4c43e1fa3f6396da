package dev.shipmate.pipelines.preview;

/** Where the removal of a preview's namespace stands. */
public enum Deletion {
  /** The namespace no longer exists. */
  GONE,
  /**
   * Deletion was asked and the namespace still exists: Kubernetes removes its objects first (a real
   * cluster keeps it Terminating for seconds to minutes). Ask again later.
   */
  TERMINATING
}
