package dev.shipmate.sandbox.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * What the AWS stand-ins will do when time comes: an instance joining its cluster, an EKS update
 * finishing. Whoever moves time runs what is due ({@link #runDue(Instant)}); nothing here sleeps.
 */
public final class Timeline {

  private record Entry(Instant at, long order, String what, Runnable action) {}

  private final PriorityQueue<Entry> entries =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
  private long added;

  public synchronized void schedule(Instant at, String what, Runnable action) {
    entries.add(new Entry(at, added++, what, action));
  }

  /** When the next action is due, if any. */
  public synchronized Optional<Instant> next() {
    return Optional.ofNullable(entries.peek()).map(Entry::at);
  }

  /** Runs, in order, every action due at or before {@code now}, including ones they schedule. */
  public int runDue(Instant now) {
    int ran = 0;
    while (true) {
      Entry entry;
      synchronized (this) {
        entry = entries.peek();
        if (entry == null || entry.at.isAfter(now)) {
          return ran;
        }
        entries.poll();
      }
      entry.action.run();
      ran++;
    }
  }

  /** What is pending, in order, for messages and tests. */
  public synchronized List<String> pending() {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(entries.comparator());
    return sorted.stream().map(e -> e.at + " " + e.what).toList();
  }
}
