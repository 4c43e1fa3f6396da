package dev.shipmate.config;

import java.util.List;

/**
 * Who may act on a target and what it takes: the people allowed to start runs ({@code deployers} on
 * an environment, {@code operators} on a cluster or a cutover), who may approve, how many approvals
 * a run needs before it starts, whether production-changing buttons ask for a confirmation, whom a
 * run's thread calls on ({@link Notifications}), and whether a run asked for while the target is
 * busy or frozen waits its turn ({@code queue: true}, as if typed with {@code --queue}) instead of
 * being refused.
 *
 * <p>An empty {@code allowed} list means anyone in the workspace may start runs; {@code validate}
 * warns about it. An empty {@code approvers} list means the allowed people approve.
 */
public record Policy(
    List<Principal> allowed,
    List<Principal> approvers,
    int approvals,
    boolean confirm,
    Notifications notifications,
    boolean queue) {
  public static final Policy OPEN = new Policy(List.of(), List.of(), 0, false);

  public Policy {
    allowed = List.copyOf(allowed);
    approvers = List.copyOf(approvers);
  }

  /** Refusing a run on a busy target, rather than queueing it. */
  public Policy(
      List<Principal> allowed,
      List<Principal> approvers,
      int approvals,
      boolean confirm,
      Notifications notifications) {
    this(allowed, approvers, approvals, confirm, notifications, false);
  }

  /** With the default notifications for these approvals and confirmation. */
  public Policy(
      List<Principal> allowed, List<Principal> approvers, int approvals, boolean confirm) {
    this(allowed, approvers, approvals, confirm, Notifications.defaults(approvals, confirm));
  }

  /** The approvers in force: those named, or else the allowed people. */
  public List<Principal> effectiveApprovers() {
    return approvers.isEmpty() ? allowed : approvers;
  }
}
