package dev.shipmate.bot.presenter;

import java.util.List;

/**
 * The approvals a run needs and has.
 *
 * @param required how many distinct approvers the environment asks for; 0 when none
 * @param approvedBy the Slack user ids of those who approved, in order
 */
public record Approvals(int required, List<String> approvedBy) {

  public static final Approvals NONE = new Approvals(0, List.of());

  public Approvals {
    if (required < 0) {
      throw new IllegalArgumentException("required approvals cannot be negative: " + required);
    }
    approvedBy = List.copyOf(approvedBy);
  }

  public boolean needed() {
    return required > 0;
  }

  public int given() {
    return approvedBy.size();
  }
}
