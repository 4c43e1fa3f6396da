package dev.shipmate.pipelines.refusal;

import java.util.List;

/**
 * A request a pipeline will not carry out, with every reason, each worded for the person who asked:
 * what is wrong and what to do instead. Nothing has been changed. Each pipeline has its own
 * subtype, so that its exception classifier and its Slack front can tell its refusals from
 * another's.
 */
public abstract class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  protected RefusedException(List<String> problems) {
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
