package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent changes and the open watches: what lets a watch start where a list left off, and
 * answer 410 Gone once that point has been forgotten (as it is after etcd compaction). Not
 * thread-safe: the store calls it under its lock.
 */
final class WatchHistory {

  private final int limit;
  private final ArrayDeque<WatchEvent> events = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private long oldestRetained;

  WatchHistory(int limit, long startVersion) {
    this.limit = limit;
    this.oldestRetained = startVersion;
  }

  /** Keeps the change and hands it to every open watch. */
  void record(WatchEvent event) {
    events.addLast(event);
    while (events.size() > limit) {
      oldestRetained = events.removeFirst().resourceVersion();
    }
    for (Subscription subscription : List.copyOf(subscriptions)) {
      subscription.offer(event);
    }
  }

  /**
   * Opens a watch. Without a resourceVersion (or with "0") it starts with the current objects as
   * {@code ADDED}; with one it first replays the changes after it.
   *
   * @throws ApiException 410 when that version is older than what is kept, 400 when it is no number
   */
  void open(
      Subscription subscription,
      String fromResourceVersion,
      Iterable<ObjectNode> current,
      long currentVersion) {
    if (fromResourceVersion == null
        || fromResourceVersion.isEmpty()
        || fromResourceVersion.equals("0")) {
      for (ObjectNode object : current) {
        subscription.offerCurrent(object.deepCopy(), currentVersion);
      }
    } else {
      long from = parse(fromResourceVersion);
      if (from < oldestRetained) {
        throw ApiException.gone(
            "too old resource version: " + from + " (" + (oldestRetained + 1) + ")");
      }
      for (WatchEvent event : events) {
        if (event.resourceVersion() > from) {
          subscription.offer(event);
        }
      }
    }
    subscriptions.add(subscription);
  }

  void close(Subscription subscription) {
    subscriptions.remove(subscription);
  }

  private static long parse(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion: Invalid value: \"" + text + "\"");
    }
  }
}
