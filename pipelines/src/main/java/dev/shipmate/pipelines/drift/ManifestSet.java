package dev.shipmate.pipelines.drift;

import java.util.List;

/** What one folder of the repository holds: Kubernetes objects and cutover weights. */
public record ManifestSet(List<Manifest> objects, List<DesiredWeights> weights) {
  public ManifestSet {
    objects = List.copyOf(objects);
    weights = List.copyOf(weights);
  }
}
