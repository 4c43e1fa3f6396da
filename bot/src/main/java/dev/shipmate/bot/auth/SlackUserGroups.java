package dev.shipmate.bot.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user groups' members, cached for {@code ttl}. A refresh that fails keeps the members known
 * before (a Slack hiccup must not lock the team out, nor let anyone new in); a group never read
 * successfully has no members, so nobody passes by it until Slack answers.
 */
public final class SlackUserGroups {

  /** How long members are trusted before they are read again. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(SlackUserGroups.class);

  private record Members(Set<String> users, Instant readAt) {}

  private final UserGroupDirectory directory;
  private final Clock clock;
  private final Duration ttl;
  private final ConcurrentMap<String, Members> cache = new ConcurrentHashMap<>();

  public SlackUserGroups(UserGroupDirectory directory, Clock clock, Duration ttl) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** The members of {@code userGroupId}, from the cache while it is fresh. */
  public Set<String> members(String userGroupId) {
    Instant now = clock.instant();
    Members cached = cache.get(userGroupId);
    if (cached != null && now.isBefore(cached.readAt().plus(ttl))) {
      return cached.users();
    }
    return refresh(userGroupId, cached, now);
  }

  /** Reads the group now, e.g. at startup so that the first command does not wait for Slack. */
  public void warm(String userGroupId) {
    refresh(userGroupId, cache.get(userGroupId), clock.instant());
  }

  private Set<String> refresh(String userGroupId, Members cached, Instant now) {
    try {
      Set<String> users = Set.copyOf(directory.members(userGroupId));
      cache.put(userGroupId, new Members(users, now));
      return users;
    } catch (Exception e) {
      if (cached != null) {
        log.warn(
            "Slack user group {}: refreshing its members failed ({}); keeping the {} read at {}",
            userGroupId,
            e.toString(),
            cached.users().size(),
            cached.readAt());
        return cached.users();
      }
      log.error(
          "Slack user group {}: its members could not be read ({}); nobody passes by it until"
              + " Slack answers. Check the bot's usergroups:read scope.",
          userGroupId,
          e.toString());
      return Set.of();
    }
  }
}
