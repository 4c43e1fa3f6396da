package dev.shipmate.pipelines.deploy;

import java.util.List;

/**
 * A deploy or rollback that cannot be planned, with every reason why, each worded for the person
 * who asked: what is wrong and what to do instead. Nothing has been changed.
 */
public final class PlanRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public PlanRefusedException(String problem) {
    this(List.of(problem));
  }

  public PlanRefusedException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
