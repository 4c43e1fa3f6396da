package dev.shipmate.pipelines.preview;

/**
 * Text that goes into YAML as a value. YAML (and SnakeYAML, which fabric8 uses to read our
 * manifests) breaks lines not only at {@code \n} and {@code \r} but at NEL (U+0085), LINE SEPARATOR
 * (U+2028) and PARAGRAPH SEPARATOR (U+2029); a value holding any of them could start a field of its
 * own (a crafted tag turning a container privileged). Such values are refused.
 */
public final class YamlText {

  private YamlText() {}

  /**
   * Whether {@code text} holds a character some reader of YAML or of text takes as a line break.
   */
  public static boolean hasLineBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isLineBreak(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\u000C'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /** {@code text} with line breaks and other control characters shown as {@code \\uXXXX}. */
  public static String visible(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isLineBreak(c) || Character.isISOControl(c)) {
        shown.append(String.format("\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }
}
