package dev.shipmate.pipelines.deploy;

import java.util.List;

/**
 * What {@code verify} found: each check's figures ({@code error-ratio 0.001 ≤ 0.01 · 6/6 passed}).
 */
public record Verified(List<String> checks) {
  public Verified {
    checks = List.copyOf(checks);
  }
}
