package dev.shipmate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads who may act on a target ({@code deployers} or {@code operators}), who approves, how many
 * approvals a run needs, whether buttons ask to confirm and whether runs queue on a busy target,
 * then checks that the approvals can be given at all.
 */
final class PolicyReader {
  /** The words of one kind of target: its key for the allowed people and what they do. */
  record Role(String allowedKey, String person, String action) {
    static final Role DEPLOYER = new Role("deployers", "deployer", "deploy");
    static final Role OPERATOR = new Role("operators", "operator", "run");
  }

  static final String PRINCIPAL_FORMS =
      "a Slack user id (U01ABCDEF: profile → ⋮ → Copy member ID), a Slack user group id"
          + " (S01ABCDEF) or group:NAME";

  private PolicyReader() {}

  /** The keys of {@code notify:}. */
  static final Keys NOTIFY = Keys.of("approvers", "requester", "channel");

  static Policy read(YamlMapping target, Role role, Known known) {
    List<Principal> allowed = principals(target, role.allowedKey(), known);
    List<Principal> approvers = principals(target, "approvers", known);
    int approvals = target.wholeNumber("approvals", 0, "approvals").orElse(0);
    boolean confirm = target.read("confirm", YamlValue::bool).orElse(false);
    Notifications defaults = Notifications.defaults(approvals, confirm);
    Notifications notifications =
        target.mapping("notify", NOTIFY).map(n -> notifications(n, defaults)).orElse(defaults);
    boolean queue = target.read("queue", YamlValue::bool).orElse(false);
    Policy policy = new Policy(allowed, approvers, approvals, confirm, notifications, queue);
    boolean named =
        target.get(role.allowedKey()).flatMap(YamlValue::list).map(l -> !l.isEmpty()).orElse(false);
    if (approvals > 0 && !named) {
      // No list means anyone: an approval asked of "anyone" guards nothing.
      target.errorAt(
          role.allowedKey(),
          "approvals: "
              + approvals
              + " is asked, but no "
              + role.allowedKey()
              + " are named, so anyone in the workspace could "
              + role.action()
              + (approvers.isEmpty() ? " and approve" : "")
              + ": name them (e.g. "
              + role.allowedKey()
              + ": [group:sre]) or set approvals: 0");
      return policy;
    }
    ApprovalRules.check(policy, target, role, known);
    return policy.equals(Policy.OPEN) ? Policy.OPEN : policy;
  }

  private static Notifications notifications(YamlMapping notify, Notifications defaults) {
    boolean approvers = notify.read("approvers", YamlValue::bool).orElse(defaults.approvers());
    boolean requester = notify.read("requester", YamlValue::bool).orElse(defaults.requester());
    Notifications.Channel channel = defaults.channel();
    Optional<String> text = notify.text("channel");
    if (text.isPresent()) {
      String word = text.get().trim();
      switch (word) {
        case "never" -> channel = Notifications.Channel.NEVER;
        case "failures" -> channel = Notifications.Channel.FAILURES;
        case "outcomes" -> channel = Notifications.Channel.OUTCOMES;
        default ->
            notify.errorAt(
                "channel",
                "expected failures (a failure or rollback is shown in the channel too), outcomes"
                    + " (every outcome) or never (the thread only), got "
                    + YamlValue.quote(word));
      }
    }
    return new Notifications(approvers, requester, channel);
  }

  private static List<Principal> principals(YamlMapping target, String key, Known known) {
    List<Principal> principals = new ArrayList<>();
    for (YamlValue item : target.get(key).flatMap(YamlValue::list).orElse(List.of())) {
      Optional<String> text = item.text();
      if (text.isEmpty()) {
        continue;
      }
      Principal principal = Principal.parse(text.get());
      if (principal == null) {
        item.error("expected " + PRINCIPAL_FORMS + ", got " + YamlValue.quote(text.get()));
      } else if (principal instanceof Principal.Group group) {
        known.groupProblem(group.name()).ifPresentOrElse(item::error, () -> principals.add(group));
      } else {
        principals.add(principal);
      }
    }
    return principals;
  }
}
