package dev.shipmate.bot.local;

import java.util.Locale;

/**
 * A button of a message, as the console offers it: typing its label presses it.
 *
 * @param label what the button says ({@code Approve})
 * @param actionId what the bot routes the click by ({@code run.approve})
 * @param value what the click carries (the run id)
 */
public record CardButton(String label, String actionId, String value) {

  /** Whether what was typed names this button: case, spaces and punctuation do not matter. */
  public boolean isNamedBy(String typed) {
    String wanted = key(typed);
    return !wanted.isEmpty() && wanted.equals(key(label));
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
