package dev.shipmate.config;

/**
 * {@code notify:} on an environment, cluster or cutover — whom a run's thread calls on. A thread
 * note notifies nobody unless it mentions them, and a card's update never notifies; these say who
 * is mentioned and what is shown in the channel too ({@code reply_broadcast}).
 *
 * @param approvers mention who may approve when a run waits for approvals
 * @param requester mention the requester on a question, a failure and the outcome
 * @param channel what also goes to the channel, beside the thread
 */
public record Notifications(boolean approvers, boolean requester, Channel channel) {

  /** What of a run's thread is also shown in its channel. */
  public enum Channel {
    /** Nothing: the thread only. */
    NEVER,
    /** A failure or a rollback: the default where approvals or a confirmation are asked. */
    FAILURES,
    /** Every outcome, success too. */
    OUTCOMES
  }

  /**
   * Everyone called on; failures shown in the channel on a protected target (one that asks for
   * approvals or a confirmation), the thread only elsewhere.
   */
  public static Notifications defaults(int approvals, boolean confirm) {
    return new Notifications(
        true, true, approvals > 0 || confirm ? Channel.FAILURES : Channel.NEVER);
  }
}
