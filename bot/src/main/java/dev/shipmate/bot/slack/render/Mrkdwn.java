package dev.shipmate.bot.slack.render;

/**
 * Slack's {@code mrkdwn}: text from outside (image tags read from a cluster, kubectl output, GitHub
 * titles, what a user typed) goes in escaped, so it cannot mention ({@code <!channel>}) or link.
 * The one escaping helper: the renderer uses it for cards and notes, and the slices for the texts
 * they post themselves.
 */
public final class Mrkdwn {

  private Mrkdwn() {}

  /** Escapes the three characters Slack treats as control sequences. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public static String user(String userId) {
    return "<@" + userId + ">";
  }

  static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }
}
