package dev.shipmate.engine.freeze;

import dev.shipmate.config.FreezeBlock;
import dev.shipmate.config.FreezeScope;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A freeze in force now: one occurrence of a configured window, or one set from chat.
 *
 * @param name the configured window's name, or {@code prod} for a freeze set from chat on it
 * @param setBy who set it from chat; empty for a configured window
 */
public record ActiveFreeze(
    String name,
    String reason,
    FreezeScope scope,
    Set<FreezeBlock> blocks,
    Instant from,
    Instant until,
    Optional<String> setBy) {

  public ActiveFreeze {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(scope, "scope");
    blocks = Set.copyOf(blocks);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(setBy, "setBy");
  }

  /** Whether it stops {@code change}. */
  public boolean blocks(Change change) {
    return blocks.contains(change.kind()) && change.touches(scope);
  }

  public boolean configured() {
    return setBy.isEmpty();
  }
}
