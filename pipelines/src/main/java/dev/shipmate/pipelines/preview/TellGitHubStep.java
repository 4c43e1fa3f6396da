package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.pipeline.Step;
import dev.shipmate.engine.pipeline.StepContext;
import dev.shipmate.engine.pipeline.StepResult;
import java.util.Objects;

/**
 * A step that tells GitHub how a preview stands (commit status and the sticky comment). What it
 * says is given by the pipeline; when GitHub is not configured or fails, the step is skipped and
 * says why: a preview never fails because GitHub could not be told.
 */
final class TellGitHubStep<P> implements Step<P> {

  /** What to tell, read from the run. */
  @FunctionalInterface
  interface Message<P> {
    StepResult send(PreviewGitHubReports github, StepContext<P> context);
  }

  private final String name;
  private final PreviewGitHubReports github;
  private final Message<P> message;

  TellGitHubStep(String name, PreviewGitHubReports github, Message<P> message) {
    this.name = Objects.requireNonNull(name, "name");
    this.github = Objects.requireNonNull(github, "github");
    this.message = Objects.requireNonNull(message, "message");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepResult execute(StepContext<P> context) {
    return message.send(github, context);
  }
}
