package dev.shipmate.bot.auth;

import dev.shipmate.config.Policy;
import dev.shipmate.config.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides who may start, approve and cancel runs on a target, from the target's {@link Policy}: a
 * principal is a Slack user id, a group of the configuration ({@code group:sre}) or a Slack user
 * group ({@code S0123}, resolved through {@link SlackUserGroups}). A refusal names the rule.
 */
public final class Authorizer {

  private final Map<String, List<String>> groups;
  private final SlackUserGroups slackGroups;

  /**
   * @param groups the configuration's {@code groups:}, by name
   */
  public Authorizer(Map<String, List<String>> groups, SlackUserGroups slackGroups) {
    this.groups = Map.copyOf(groups);
    this.slackGroups = Objects.requireNonNull(slackGroups, "slackGroups");
  }

  /**
   * Whether {@code userId} may start a run on the guarded target.
   *
   * @param verb what starting means there, in words: {@code deploy}, {@code roll back}
   */
  public Decision mayStart(String userId, Guard guard, String verb) {
    Policy policy = guard.policy();
    if (policy.allowed().isEmpty() || isIn(userId, policy.allowed())) {
      return Decision.allowed();
    }
    return refused(guard.name(), policy.allowed(), verb, guard.role().key());
  }

  /**
   * Whether {@code userId} is one of the target's approvers (the requester check is the engine's).
   * Without approvers of its own, a target's approvers are the list of its {@link Guard#role()}.
   */
  public Decision mayApprove(String userId, Guard guard) {
    Policy policy = guard.policy();
    List<Principal> approvers = policy.effectiveApprovers();
    if (approvers.isEmpty() || isIn(userId, approvers)) {
      return Decision.allowed();
    }
    return refused(
        guard.name(),
        approvers,
        "approve",
        policy.approvers().isEmpty() ? guard.role().key() : "approvers");
  }

  /**
   * A run may be steered ({@code verb}: cancel, pause, resume, answer for) by whoever asked for it,
   * or by an approver of its target.
   */
  public Decision mayControl(
      String userId, String runId, String requester, Guard guard, String verb) {
    if (userId.equals(requester)) {
      return Decision.allowed();
    }
    String target = guard.name();
    List<Principal> approvers = guard.policy().effectiveApprovers();
    if (approvers.isEmpty() || isIn(userId, approvers)) {
      return Decision.allowed();
    }
    return new Decision.Refused(
        "only the requester of "
            + runId
            + " (<@"
            + requester
            + ">) or "
            + target
            + "'s approvers ("
            + names(approvers)
            + ") may "
            + verb
            + " it; you are neither.");
  }

  /** Whether {@code userId} is named by one of {@code principals}. */
  public boolean isIn(String userId, List<Principal> principals) {
    for (Principal principal : principals) {
      if (names(principal, userId)) {
        return true;
      }
    }
    return false;
  }

  private boolean names(Principal principal, String userId) {
    if (principal instanceof Principal.User user) {
      return user.id().equals(userId);
    }
    if (principal instanceof Principal.Group group) {
      return groups.getOrDefault(group.name(), List.of()).contains(userId);
    }
    return slackGroups.members(((Principal.SlackUserGroup) principal).id()).contains(userId);
  }

  private static Decision refused(
      String target, List<Principal> principals, String verb, String list) {
    return new Decision.Refused(
        target
            + ": only "
            + names(principals)
            + " may "
            + verb
            + " ("
            + list
            + "); you are not "
            + (principals.size() == 1 ? "in it." : "in any of them."));
  }

  private static String names(List<Principal> principals) {
    return principals.stream().map(Principal::text).collect(Collectors.joining(", "));
  }
}
