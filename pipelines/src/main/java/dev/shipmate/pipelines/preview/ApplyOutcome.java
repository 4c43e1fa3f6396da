package dev.shipmate.pipelines.preview;

import java.util.List;

/**
 * What applying a preview's manifests changed, each object named {@code Kind/name}.
 *
 * @param created objects that did not exist
 * @param updated objects that existed and were replaced by their manifest
 * @param pruned objects of this preview that are no longer in the manifests, deleted
 */
public record ApplyOutcome(List<String> created, List<String> updated, List<String> pruned) {
  public ApplyOutcome {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    pruned = List.copyOf(pruned);
  }
}
