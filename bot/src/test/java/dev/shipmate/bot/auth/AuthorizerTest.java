package dev.shipmate.bot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.config.Policy;
import dev.shipmate.config.Principal;
import dev.shipmate.engine.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));

  /** Stands where Slack's usergroups.users.list is: answers what it is told, or fails. */
  final AtomicReference<Set<String>> slackAnswer = new AtomicReference<>(Set.of("U0QA1"));

  final List<String> lookups = new ArrayList<>();

  final SlackUserGroups userGroups =
      new SlackUserGroups(
          id -> {
            lookups.add(id);
            Set<String> answer = slackAnswer.get();
            if (answer == null) {
              throw new IOException("usergroups.users.list: ratelimited");
            }
            return answer;
          },
          clock,
          Duration.ofMinutes(5));

  final Authorizer authorizer =
      new Authorizer(
          Map.of("sre", List.of("U01SRE1", "U01SRE2"), "backend", List.of("U02BE1")), userGroups);

  static Policy prod() {
    return new Policy(List.of(new Principal.Group("sre")), List.of(), 1, true);
  }

  @Test
  @DisplayName("a deployer in a config group may deploy; anyone else is refused with the rule")
  void deployers() {
    assertThat(
            authorizer
                .mayStart("U01SRE2", new Guard("prod", prod(), Role.DEPLOYERS), "deploy")
                .isAllowed())
        .isTrue();
    assertThat(authorizer.mayStart("U02BE1", new Guard("prod", prod(), Role.DEPLOYERS), "deploy"))
        .isEqualTo(
            new Decision.Refused(
                "prod: only group:sre may deploy (deployers); you are not in it."));
  }

  @Test
  @DisplayName("an empty deployers list lets anyone deploy; approvers default to the deployers")
  void openAndDefaultApprovers() {
    assertThat(
            authorizer
                .mayStart("U9", new Guard("dev", Policy.OPEN, Role.DEPLOYERS), "deploy")
                .isAllowed())
        .isTrue();
    assertThat(
            authorizer.mayApprove("U01SRE1", new Guard("prod", prod(), Role.DEPLOYERS)).isAllowed())
        .isTrue();
    assertThat(authorizer.mayApprove("U02BE1", new Guard("prod", prod(), Role.DEPLOYERS)))
        .isEqualTo(
            new Decision.Refused(
                "prod: only group:sre may approve (deployers); you are not in it."));
    Policy named =
        new Policy(
            List.of(new Principal.Group("backend")),
            List.of(new Principal.User("U01SRE1"), new Principal.Group("sre")),
            1,
            false);
    assertThat(authorizer.mayApprove("U02BE1", new Guard("staging", named, Role.DEPLOYERS)))
        .isEqualTo(
            new Decision.Refused(
                "staging: only U01SRE1, group:sre may approve (approvers); you are not in any of"
                    + " them."));
  }

  @Test
  @DisplayName("a run is cancelled by its requester or an approver; anyone else is told who may")
  void cancel() {
    assertThat(
            authorizer
                .mayControl(
                    "U02BE1",
                    "d-4k2p",
                    "U02BE1",
                    new Guard("prod", prod(), Role.DEPLOYERS),
                    "cancel")
                .isAllowed())
        .isTrue();
    assertThat(
            authorizer
                .mayControl(
                    "U01SRE2",
                    "d-4k2p",
                    "U02BE1",
                    new Guard("prod", prod(), Role.DEPLOYERS),
                    "cancel")
                .isAllowed())
        .isTrue();
    assertThat(
            authorizer.mayControl(
                "U9", "d-4k2p", "U02BE1", new Guard("prod", prod(), Role.DEPLOYERS), "cancel"))
        .isEqualTo(
            new Decision.Refused(
                "only the requester of d-4k2p (<@U02BE1>) or prod's approvers (group:sre) may"
                    + " cancel it; you are neither."));
  }

  @Test
  @DisplayName(
      "a Slack user group is looked up once per few minutes; a failed refresh keeps what was"
          + " known")
  void slackUserGroupsAreCached() {
    Policy qa = new Policy(List.of(new Principal.SlackUserGroup("S0QA")), List.of(), 0, false);

    assertThat(
            authorizer.mayStart("U0QA1", new Guard("qa", qa, Role.DEPLOYERS), "deploy").isAllowed())
        .isTrue();
    assertThat(
            authorizer.mayStart("U0QA1", new Guard("qa", qa, Role.DEPLOYERS), "deploy").isAllowed())
        .isTrue();
    assertThat(lookups).containsExactly("S0QA");

    // When the cache is stale and Slack fails, the members known before still count
    clock.advance(Duration.ofMinutes(6));
    slackAnswer.set(null);
    assertThat(
            authorizer.mayStart("U0QA1", new Guard("qa", qa, Role.DEPLOYERS), "deploy").isAllowed())
        .isTrue();
    assertThat(lookups).hasSize(2);

    // When Slack answers again with new members, they replace the old ones
    clock.advance(Duration.ofMinutes(6));
    slackAnswer.set(Set.of("U0QA2"));
    assertThat(authorizer.mayStart("U0QA1", new Guard("qa", qa, Role.DEPLOYERS), "deploy"))
        .isEqualTo(
            new Decision.Refused("qa: only S0QA may deploy (deployers); you are not in it."));
  }

  @Test
  @DisplayName(
      "stale members are served at once while one refresh per group runs in the background;"
          + " its result counts from then on")
  void staleMembersAreServedWhileTheyAreRefreshed() {
    List<Runnable> background = new ArrayList<>();
    SlackUserGroups groups =
        new SlackUserGroups(
            id -> {
              lookups.add(id);
              return slackAnswer.get();
            },
            clock,
            Duration.ofMinutes(5),
            background::add);
    groups.warm("S0QA");
    assertThat(lookups).containsExactly("S0QA");

    clock.advance(Duration.ofMinutes(6));
    slackAnswer.set(Set.of("U0QA2"));
    assertThat(groups.members("S0QA")).containsExactly("U0QA1");
    assertThat(groups.members("S0QA")).containsExactly("U0QA1");
    assertThat(background).as("one refresh at a time").hasSize(1);
    assertThat(lookups).as("nothing read on the caller's thread").hasSize(1);

    background.remove(0).run();
    assertThat(groups.members("S0QA")).containsExactly("U0QA2");
    assertThat(background).isEmpty();
  }

  @Test
  @DisplayName("a Slack user group that was never read lets nobody in by it")
  void unreadableGroup() {
    slackAnswer.set(null);
    Policy qa = new Policy(List.of(new Principal.SlackUserGroup("S0QA")), List.of(), 0, false);

    assertThat(
            authorizer.mayStart("U0QA1", new Guard("qa", qa, Role.DEPLOYERS), "deploy").isAllowed())
        .isFalse();
  }
}
