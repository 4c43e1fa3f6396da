package dev.shipmate.bot.auth;

import java.util.Set;

/** Who is in a Slack user group ({@code S0123}): Slack's {@code usergroups.users.list}. */
@FunctionalInterface
public interface UserGroupDirectory {

  /**
   * @throws Exception when the members cannot be read now (network, rate limit, missing scope)
   */
  Set<String> members(String userGroupId) throws Exception;
}
