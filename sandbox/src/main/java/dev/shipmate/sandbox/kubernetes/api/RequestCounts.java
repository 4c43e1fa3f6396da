package dev.shipmate.sandbox.kubernetes.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What clients asked of the API server, counted as its audit log would show it: requests by verb
 * and resource ({@code list nodes}, {@code get pods}, {@code watch deployments}, {@code patch
 * nodes}) and, for lists, how many objects they returned. For benchmarks that count what a check
 * costs the cluster, not only the bot.
 */
public final class RequestCounts {

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> listedObjects = new ConcurrentHashMap<>();

  void request(String verb, String resource) {
    requests.computeIfAbsent(verb + " " + resource, k -> new LongAdder()).increment();
  }

  void listed(String resource, int objects) {
    listedObjects.computeIfAbsent(resource, k -> new LongAdder()).add(objects);
  }

  /** Requests by {@code verb resource}, sorted by name. */
  public Map<String, Long> requests() {
    return snapshot(requests);
  }

  /** Objects returned by lists, by resource. */
  public Map<String, Long> listedObjects() {
    return snapshot(listedObjects);
  }

  public void reset() {
    requests.clear();
    listedObjects.clear();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, value) -> copy.put(key, value.sum()));
    return copy;
  }
}
