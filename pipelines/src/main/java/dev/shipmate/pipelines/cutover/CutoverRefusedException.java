package dev.shipmate.pipelines.cutover;

import dev.shipmate.pipelines.refusal.RefusedException;
import java.util.List;

/**
 * A cutover that cannot be planned or applied as asked, with every reason, each worded for the
 * person who asked: what is wrong and what to type or do instead. Nothing has been changed.
 */
public final class CutoverRefusedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public CutoverRefusedException(String problem) {
    this(List.of(problem));
  }

  public CutoverRefusedException(List<String> problems) {
    super(problems);
  }
}
