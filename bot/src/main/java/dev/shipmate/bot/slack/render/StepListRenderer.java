package dev.shipmate.bot.slack.render;

import dev.shipmate.bot.presenter.StepLine;
import dev.shipmate.bot.presenter.StepStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's steps as the lines of one section. A long pipeline (a 60-node upgrade) shows a window
 * around the step it is on, and says how many steps it left out on either side and how they stand,
 * so that the card stays within Slack's limits and still tells where the run is.
 */
final class StepListRenderer {

  static final int MAX_LINES = 15;

  /** Steps shown before the current one, for context. */
  private static final int LEAD = 3;

  private static final int NAME_LENGTH = 80;
  private static final int DETAIL_LENGTH = 120;

  /** Room kept for the "… 12 more steps" line. */
  private static final int SUMMARY_ROOM = 120;

  String render(List<StepLine> steps) {
    int start = windowStart(steps);
    int end = Math.min(steps.size(), start + MAX_LINES);
    List<String> lines = new ArrayList<>();
    if (start > 0) {
      lines.add(omitted(steps.subList(0, start), "earlier"));
    }
    int length = lines.isEmpty() ? 0 : lines.get(0).length() + 1;
    int shown = start;
    while (shown < end) {
      String line = line(steps.get(shown));
      if (length + line.length() + 1 > BlockKitLimits.SECTION_TEXT - SUMMARY_ROOM) {
        break;
      }
      lines.add(line);
      length += line.length() + 1;
      shown++;
    }
    if (shown < steps.size()) {
      lines.add(omitted(steps.subList(shown, steps.size()), "more"));
    }
    return BlockKitLimits.cut(String.join("\n", lines), BlockKitLimits.SECTION_TEXT);
  }

  /** Where the window starts: a few steps before the one the run is on, or at the top. */
  private static int windowStart(List<StepLine> steps) {
    if (steps.size() <= MAX_LINES) {
      return 0;
    }
    int focus = -1;
    for (int i = 0; i < steps.size() && focus < 0; i++) {
      if (steps.get(i).status().current()) {
        focus = i;
      }
    }
    for (int i = 0; i < steps.size() && focus < 0; i++) {
      if (steps.get(i).status() == StepStatus.PENDING) {
        focus = i;
      }
    }
    if (focus < 0) {
      return 0;
    }
    return Math.max(0, Math.min(focus - LEAD, steps.size() - MAX_LINES));
  }

  private static String line(StepLine step) {
    String name = Mrkdwn.escape(BlockKitLimits.cut(step.name(), NAME_LENGTH));
    String text = emoji(step.status()) + " " + (step.status().current() ? "*" + name + "*" : name);
    if (!step.detail().isBlank()) {
      text += " — " + Mrkdwn.escape(BlockKitLimits.cut(step.detail(), DETAIL_LENGTH));
    }
    return text;
  }

  /** {@code … 12 more steps: 11 pending, 1 skipped}. */
  private static String omitted(List<StepLine> steps, String where) {
    Map<StepStatus, Long> counts = new EnumMap<>(StepStatus.class);
    for (StepLine step : steps) {
      counts.merge(step.status(), 1L, Long::sum);
    }
    String tally =
        counts.entrySet().stream()
            .map(count -> count.getValue() + " " + count.getKey().words())
            .collect(Collectors.joining(", "));
    return "_… "
        + steps.size()
        + " "
        + where
        + (steps.size() == 1 ? " step" : " steps")
        + ": "
        + tally
        + "_";
  }

  static String emoji(StepStatus status) {
    return switch (status) {
      case DONE -> ":white_check_mark:";
      case RUNNING -> ":arrows_counterclockwise:";
      case WAITING -> ":hourglass_flowing_sand:";
      case FAILED -> ":x:";
      case SKIPPED -> ":fast_forward:";
      case PENDING -> ":white_circle:";
      case UNDONE -> ":leftwards_arrow_with_hook:";
    };
  }
}
