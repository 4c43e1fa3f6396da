package dev.shipmate.pipelines.deploy;

import dev.shipmate.pipelines.refusal.RefusedException;
import java.util.List;

/**
 * A deploy or rollback that cannot be planned, with every reason why, each worded for the person
 * who asked: what is wrong and what to do instead. Nothing has been changed.
 */
public final class PlanRefusedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public PlanRefusedException(String problem) {
    this(List.of(problem));
  }

  public PlanRefusedException(List<String> problems) {
    super(problems);
  }
}
