package dev.shipmate.bot.slack.render;

/**
 * Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit). A message beyond them is
 * refused with {@code invalid_blocks}, so the renderer cuts visibly instead.
 */
final class BlockKitLimits {

  static final int BLOCKS_PER_MESSAGE = 50;
  static final int SECTION_TEXT = 3_000;
  static final int CONTEXT_TEXT = 2_000;
  static final int BUTTON_TEXT = 75;
  static final int ELEMENTS_PER_ACTIONS_BLOCK = 25;
  static final int CONFIRM_TITLE = 100;
  static final int CONFIRM_TEXT = 300;
  static final int CONFIRM_BUTTON = 30;

  /** Slack truncates longer fallback texts; we keep it to what a notification shows anyway. */
  static final int FALLBACK_TEXT = 3_000;

  private BlockKitLimits() {}

  /** {@code text} cut to {@code max} characters, ending with an ellipsis when it was cut. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    // Never split a surrogate pair: half an emoji is worse than one character less.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
