package dev.shipmate.bot.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user groups' members, cached for {@code ttl}. A refresh that fails keeps the members known
 * before (a Slack hiccup must not lock the team out, nor let anyone new in); a group never read
 * successfully has no members, so nobody passes by it until Slack answers.
 *
 * <p>Members are read on the ack's path (who may deploy), and {@code usergroups.users.list} is a
 * Tier 2 method that may be slow or rate-limited: members past their {@code ttl} are served as they
 * are while one refresh per group runs on the executor; a group never read (its warm-up at startup
 * failed) is waited for at most {@link #COLD_WAIT}.
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
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private final Executor executor;

  /** How long a group never read is waited for before the answer goes without it. */
  static final Duration COLD_WAIT = Duration.ofSeconds(1);

  /** Refreshes on the caller's thread: for tests and tools, not for the ack's path. */
  public SlackUserGroups(UserGroupDirectory directory, Clock clock, Duration ttl) {
    this(directory, clock, ttl, Runnable::run);
  }

  /**
   * @param executor where refreshes run, off the ack's path
   */
  public SlackUserGroups(
      UserGroupDirectory directory, Clock clock, Duration ttl, Executor executor) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** The members of {@code userGroupId}: from the cache, refreshed in the background once stale. */
  public Set<String> members(String userGroupId) {
    Members cached = cache.get(userGroupId);
    if (cached == null) {
      return cold(userGroupId);
    }
    if (!clock.instant().isBefore(cached.readAt().plus(ttl))) {
      refreshLater(userGroupId);
    }
    return cache.get(userGroupId).users();
  }

  private Set<String> cold(String userGroupId) {
    try {
      refreshLater(userGroupId).get(COLD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      log.warn(
          "Slack user group {}: its members are still being read; nobody passes by it until then",
          userGroupId);
    } catch (ExecutionException | RuntimeException failed) {
      log.warn("Slack user group {}: {}", userGroupId, failed.toString());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    Members read = cache.get(userGroupId);
    return read == null ? Set.of() : read.users();
  }

  /** One refresh of the group at a time, on the executor. */
  private CompletableFuture<Void> refreshLater(String userGroupId) {
    if (!refreshing.add(userGroupId)) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.runAsync(
          () -> {
            try {
              refresh(userGroupId, cache.get(userGroupId), clock.instant());
            } finally {
              refreshing.remove(userGroupId);
            }
          },
          executor);
    } catch (RejectedExecutionException stopping) {
      refreshing.remove(userGroupId);
      return CompletableFuture.completedFuture(null);
    }
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
