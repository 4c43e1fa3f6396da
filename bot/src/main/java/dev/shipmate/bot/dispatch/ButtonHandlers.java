package dev.shipmate.bot.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which handler answers which button, by its {@code action_id}, or by a prefix for a family of
 * buttons (the answers to a run's question: {@code run.choose.skip}, {@code run.choose.wait}).
 */
public final class ButtonHandlers {

  /**
   * @param label what the button is called in the audit ledger ({@code Approve})
   */
  public record Entry(String label, ButtonHandler handler) {}

  private final Map<String, Entry> exact = new LinkedHashMap<>();
  private final Map<String, Entry> prefixed = new LinkedHashMap<>();

  public ButtonHandlers on(String actionId, String label, ButtonHandler handler) {
    put(exact, actionId, new Entry(label, handler));
    return this;
  }

  /** {@code handler} answers every button whose {@code action_id} starts with {@code prefix}. */
  public ButtonHandlers onPrefix(String prefix, String label, ButtonHandler handler) {
    put(prefixed, prefix, new Entry(label, handler));
    return this;
  }

  private static void put(Map<String, Entry> map, String key, Entry entry) {
    Objects.requireNonNull(key, "actionId");
    Objects.requireNonNull(entry.handler(), "handler");
    if (map.putIfAbsent(key, entry) != null) {
      throw new IllegalArgumentException("two handlers for the button " + key);
    }
  }

  Optional<Entry> find(String actionId) {
    if (actionId == null) {
      return Optional.empty();
    }
    Entry entry = exact.get(actionId);
    if (entry != null) {
      return Optional.of(entry);
    }
    return prefixed.entrySet().stream()
        .filter(e -> actionId.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The exact action ids, for a platform that registers each one. */
  public Iterable<String> actionIds() {
    return exact.keySet();
  }

  /** The prefixes of families of buttons. */
  public Iterable<String> prefixes() {
    return prefixed.keySet();
  }
}
