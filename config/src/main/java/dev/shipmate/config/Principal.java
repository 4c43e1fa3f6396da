package dev.shipmate.config;

/**
 * Who a permission names: a Slack user ({@code U0123}), a group of this configuration ({@code
 * group:sre}), or a Slack user group ({@code S0123}), whose members are looked up in Slack.
 */
public sealed interface Principal {
  /** The text as written in the configuration. */
  String text();

  record User(String id) implements Principal {
    @Override
    public String text() {
      return id;
    }
  }

  record Group(String name) implements Principal {
    @Override
    public String text() {
      return "group:" + name;
    }
  }

  record SlackUserGroup(String id) implements Principal {
    @Override
    public String text() {
      return id;
    }
  }

  /**
   * Reads one entry of a {@code deployers:} / {@code approvers:} / {@code operators:} list, or
   * returns null when the text is none of the three forms.
   */
  static Principal parse(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("group:") && trimmed.length() > "group:".length()) {
      return new Group(trimmed.substring("group:".length()));
    }
    if (trimmed.matches("[UW][A-Z0-9]{2,}")) {
      return new User(trimmed);
    }
    if (trimmed.matches("S[A-Z0-9]{2,}")) {
      return new SlackUserGroup(trimmed);
    }
    return null;
  }
}
