package dev.shipmate.pipelines.upgrade;

import dev.shipmate.pipelines.refusal.RefusedException;
import java.util.List;

/**
 * An upgrade that cannot go ahead, with every reason, each worded for the person who asked: what is
 * wrong and what to do instead.
 */
public final class UpgradeRefusedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public UpgradeRefusedException(String problem) {
    this(List.of(problem));
  }

  public UpgradeRefusedException(List<String> problems) {
    super(problems);
  }
}
