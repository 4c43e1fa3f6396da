package dev.shipmate.bot.presenter;

import java.util.Objects;

/**
 * One step as a card shows it.
 *
 * @param name what the step does ({@code Roll out web})
 * @param status where it stands
 * @param detail a short note ({@code 6/10 updated, 4 available}); empty when there is none
 */
public record StepLine(String name, StepStatus status, String detail) {

  public StepLine {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** A step with nothing to add to its status. */
  public static StepLine of(String name, StepStatus status) {
    return new StepLine(name, status, "");
  }
}
