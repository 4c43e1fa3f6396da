package dev.shipmate.sandbox.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failures queued for the next calls of named operations ({@code ChangeResourceRecordSets}, {@code
 * DescribeCluster}, ...): the next N calls answer the fault, later ones go through.
 */
public final class FaultPlan {

  private final Map<String, Deque<AwsFault>> queued = new HashMap<>();

  /** The next {@code times} calls of {@code operation} fail with {@code fault}. */
  public synchronized void failNext(String operation, int times, AwsFault fault) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1; got " + times);
    }
    Deque<AwsFault> faults = queued.computeIfAbsent(operation, name -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  /**
   * @throws AwsError when a fault is queued for this call of the operation
   */
  public synchronized void check(String operation) {
    Deque<AwsFault> faults = queued.get(operation);
    if (faults != null && !faults.isEmpty()) {
      throw faults.poll().toError();
    }
  }

  public synchronized void clear() {
    queued.clear();
  }
}
