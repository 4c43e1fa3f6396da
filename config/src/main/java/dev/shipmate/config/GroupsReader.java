package dev.shipmate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code groups:}, named lists of Slack users that permissions refer to as group:NAME. */
final class GroupsReader {
  private GroupsReader() {}

  /** Every group the file names, with the members that are valid user ids. */
  static Map<String, List<String>> read(Optional<YamlMapping> groups) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (groups.isEmpty()) {
      return result;
    }
    for (YamlMapping.Entry entry : groups.get().entries()) {
      List<String> members = new ArrayList<>();
      Optional<List<YamlValue>> items = entry.value().list();
      for (YamlValue item : items.orElse(List.of())) {
        item.text().ifPresent(text -> member(item, text).ifPresent(members::add));
      }
      if (items.isPresent() && items.get().isEmpty()) {
        groups
            .get()
            .warningAt(
                entry.key(), "group '" + entry.key() + "' has no members: nobody it names may act");
      }
      result.put(entry.key(), List.copyOf(new LinkedHashSet<>(members)));
    }
    return result;
  }

  private static Optional<String> member(YamlValue item, String text) {
    Principal principal = Principal.parse(text);
    if (principal instanceof Principal.User user) {
      return Optional.of(user.id());
    }
    if (principal instanceof Principal.Group) {
      item.error("a group lists Slack users, not other groups: list the users of " + text);
    } else if (principal instanceof Principal.SlackUserGroup) {
      item.error(
          "a group lists Slack users: name the Slack user group "
              + text
              + " directly where it is used (approvers: ["
              + text
              + "])");
    } else {
      item.error(
          "expected a Slack user id like U01ABCDEF (profile → ⋮ → Copy member ID), got "
              + YamlValue.quote(text));
    }
    return Optional.empty();
  }
}
