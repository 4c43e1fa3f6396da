package dev.shipmate.config;

import java.util.Objects;
import java.util.Set;

/**
 * {@code freezes.NAME:} — a configured time when some changes to some targets are not made (without
 * {@code --break-glass} and a second person's approval).
 *
 * @param reason said to whoever is refused, e.g. {@code Friday afternoon: no production changes}
 * @param blocks the kinds of change it stops; {@link FreezeBlock#DEFAULT} when the file names none
 */
public record FreezeWindow(
    String name, String reason, FreezeScope scope, FreezeTiming timing, Set<FreezeBlock> blocks) {
  public FreezeWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(timing, "timing");
    blocks = Set.copyOf(blocks);
  }
}
