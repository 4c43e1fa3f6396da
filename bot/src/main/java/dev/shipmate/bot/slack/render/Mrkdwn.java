package dev.shipmate.bot.slack.render;

/** Slack's {@code mrkdwn}: text from outside goes in escaped, so it cannot mention or link. */
final class Mrkdwn {

  private Mrkdwn() {}

  /** Escapes the three characters Slack treats as control sequences. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String user(String userId) {
    return "<@" + userId + ">";
  }

  static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }
}
