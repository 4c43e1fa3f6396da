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
 */
public record StartRequest(
    String pipeline,
    Record params,
    String requester,
    Optional<ReplyAddress> replyTo,
    int approvals) {

  public StartRequest {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(replyTo, "replyTo");
    if (approvals < 0) {
      throw new IllegalArgumentException("approvals must not be negative");
    }
  }

  public static StartRequest of(String pipeline, Record params, String requester) {
    return new StartRequest(pipeline, params, requester, Optional.empty(), 0);
  }

  public StartRequest replyTo(ReplyAddress address) {
    return new StartRequest(pipeline, params, requester, Optional.of(address), approvals);
  }

  public StartRequest approvals(int required) {
    return new StartRequest(pipeline, params, requester, replyTo, required);
  }
}
