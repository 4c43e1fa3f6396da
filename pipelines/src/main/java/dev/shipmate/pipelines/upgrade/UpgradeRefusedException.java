package dev.shipmate.pipelines.upgrade;

import java.util.List;

/**
 * An upgrade that cannot go ahead, with every reason, each worded for the person who asked: what is
 * wrong and what to do instead.
 */
public final class UpgradeRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public UpgradeRefusedException(String problem) {
    this(List.of(problem));
  }

  public UpgradeRefusedException(List<String> problems) {
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
