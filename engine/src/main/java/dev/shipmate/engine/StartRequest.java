package dev.shipmate.engine;

import dev.shipmate.engine.run.ReplyAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to run a pipeline.
 *
 * @param pipeline the pipeline's type name, as registered
 * @param params the pipeline's parameters record
 * @param requester who asks (a user id; the caller has already checked they may)
 * @param approvals how many other people must approve before it starts (0: none)
 * @param breakGlass why the run must start through a freeze in force ({@code --break-glass "hotfix
 *     for INC-42"}): it then needs at least one approval from someone else, and the ledger says so.
 *     Without it a run a freeze stops is refused.
 * @param queue whether to wait for its turn when the target is busy or frozen ({@code --queue}):
 *     the run is then created QUEUED and starts by itself when its turn comes; without it such a
 *     start is refused
 */
public record StartRequest(
    String pipeline,
    Record params,
    String requester,
    Optional<ReplyAddress> replyTo,
    int approvals,
    Optional<String> breakGlass,
    boolean queue) {

  public StartRequest {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(replyTo, "replyTo");
    if (approvals < 0) {
      throw new IllegalArgumentException("approvals must not be negative");
    }
    Objects.requireNonNull(breakGlass, "breakGlass");
    breakGlass = breakGlass.map(String::strip).filter(reason -> !reason.isEmpty());
  }

  public StartRequest(
      String pipeline,
      Record params,
      String requester,
      Optional<ReplyAddress> replyTo,
      int approvals,
      Optional<String> breakGlass) {
    this(pipeline, params, requester, replyTo, approvals, breakGlass, false);
  }

  public StartRequest(
      String pipeline,
      Record params,
      String requester,
      Optional<ReplyAddress> replyTo,
      int approvals) {
    this(pipeline, params, requester, replyTo, approvals, Optional.empty());
  }

  public static StartRequest of(String pipeline, Record params, String requester) {
    return new StartRequest(pipeline, params, requester, Optional.empty(), 0);
  }

  public StartRequest replyTo(ReplyAddress address) {
    return new StartRequest(
        pipeline, params, requester, Optional.of(address), approvals, breakGlass, queue);
  }

  public StartRequest approvals(int required) {
    return new StartRequest(pipeline, params, requester, replyTo, required, breakGlass, queue);
  }

  /** The same request, asking to pass the freezes in force for {@code reason}. */
  public StartRequest breakGlass(String reason) {
    return new StartRequest(
        pipeline, params, requester, replyTo, approvals, Optional.of(reason), queue);
  }

  /** The same request, waiting for its turn when the target is busy or frozen (or not). */
  public StartRequest queue(boolean wait) {
    return new StartRequest(pipeline, params, requester, replyTo, approvals, breakGlass, wait);
  }
}
