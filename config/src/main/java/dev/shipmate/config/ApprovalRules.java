package dev.shipmate.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a policy's approvals can ever be given. Nobody approves their own run, so a run needs
 * {@code approvals} approvers other than the person who asked. Checked only when everyone involved
 * is known from the file (users and this file's groups); Slack user groups are resolved at run
 * time.
 */
final class ApprovalRules {
  private ApprovalRules() {}

  static void check(Policy policy, YamlMapping target, PolicyReader.Role role, Known known) {
    int needed = policy.approvals();
    if (needed == 0 || policy.effectiveApprovers().isEmpty()) {
      return;
    }
    Optional<Set<String>> approvers = people(policy.effectiveApprovers(), known);
    if (approvers.isEmpty()) {
      return;
    }
    Set<String> canApprove = approvers.get();
    if (canApprove.size() < needed) {
      target.errorAt(
          "approvals",
          "approvals: "
              + needed
              + " but only "
              + people(canApprove.size())
              + " can approve"
              + names(canApprove)
              + ": lower approvals or add approvers");
      return;
    }
    Optional<Set<String>> allowed = people(policy.allowed(), known);
    if (policy.allowed().isEmpty() || allowed.isEmpty()) {
      return;
    }
    Set<String> stuck = new LinkedHashSet<>();
    for (String requester : allowed.get()) {
      int others = canApprove.size() - (canApprove.contains(requester) ? 1 : 0);
      if (others < needed) {
        stuck.add(requester);
      }
    }
    if (stuck.isEmpty()) {
      return;
    }
    if (stuck.equals(allowed.get())) {
      String who =
          canApprove.size() == 1 && allowed.get().size() == 1
              ? "the only approver, "
                  + canApprove.iterator().next()
                  + ", is also the only "
                  + role.person()
              : "every " + role.person() + " is one of the " + canApprove.size() + " approvers";
      target.errorAt(
          "approvals",
          "approvals: "
              + needed
              + " can never be met: "
              + who
              + ", and nobody approves their own "
              + role.action()
              + " — add approvers or set approvals: 0");
    } else {
      target.warningAt(
          "approvals",
          String.join(", ", stuck)
              + " may "
              + role.action()
              + " but can never get "
              + needed
              + " approval(s) from someone else: add approvers");
    }
  }

  /** The users a list names, or empty when some cannot be known from the file. */
  private static Optional<Set<String>> people(List<Principal> principals, Known known) {
    Set<String> users = new LinkedHashSet<>();
    for (Principal principal : principals) {
      if (principal instanceof Principal.User user) {
        users.add(user.id());
      } else if (principal instanceof Principal.Group group
          && known.groupMembers().containsKey(group.name())) {
        users.addAll(known.groupMembers().get(group.name()));
      } else {
        // A Slack user group's members are only known to Slack.
        return Optional.empty();
      }
    }
    return Optional.of(users);
  }

  private static String people(int count) {
    return count == 1 ? "1 person" : count + " people";
  }

  private static String names(Set<String> users) {
    return users.isEmpty() ? "" : " (" + String.join(", ", users) + ")";
  }
}
