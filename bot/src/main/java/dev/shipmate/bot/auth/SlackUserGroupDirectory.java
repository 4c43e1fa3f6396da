package dev.shipmate.bot.auth;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a Slack user group's members with {@code usergroups.users.list} (scope usergroups:read).
 */
public final class SlackUserGroupDirectory implements UserGroupDirectory {

  private final MethodsClient methods;

  public SlackUserGroupDirectory(MethodsClient methods) {
    this.methods = methods;
  }

  @Override
  public Set<String> members(String userGroupId) throws Exception {
    UsergroupsUsersListResponse response =
        methods.usergroupsUsersList(r -> r.usergroup(userGroupId));
    if (!response.isOk()) {
      throw new IOException("usergroups.users.list " + userGroupId + ": " + response.getError());
    }
    return response.getUsers() == null ? Set.of() : Set.copyOf(response.getUsers());
  }
}
