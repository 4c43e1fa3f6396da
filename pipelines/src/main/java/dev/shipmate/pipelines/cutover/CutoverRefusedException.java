package dev.shipmate.pipelines.cutover;

import java.util.List;

/**
 * A cutover that cannot be planned or applied as asked, with every reason, each worded for the
 * person who asked: what is wrong and what to type or do instead. Nothing has been changed.
 */
public final class CutoverRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public CutoverRefusedException(String problem) {
    this(List.of(problem));
  }

  public CutoverRefusedException(List<String> problems) {
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
