package dev.shipmate.commands;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a slash command's text as Slack sends it. People type on phones and paste from
 * documents, so the text may hold HTML-escaped {@code &lt;}, non-breaking and zero-width spaces,
 * smart quotes, an em dash where {@code --} was typed, full-width characters and Slack's {@code
 * <url|label>} links; all of these are read as the plain characters meant.
 */
final class SlackText {
  private static final Pattern ESCAPE = Pattern.compile("&(amp|lt|gt);");
  private static final Pattern LABELLED_LINK = Pattern.compile("<[^<>|]+\\|([^<>|]+)>");
  private static final Pattern BARE_LINK = Pattern.compile("<((?:https?|mailto):[^<>|]+)>");
  private static final String QUOTES = "\"'`";
  private static final String SINGLE_QUOTES = "\u2018\u2019\u201A\u201B\u2032";
  private static final String DOUBLE_QUOTES = "\u201C\u201D\u201E\u201F\u2033";
  private static final String LONG_DASHES = "\u2013\u2014\u2015";
  private static final String HYPHENS = "\u2010\u2011\u2012\u2212";

  private SlackText() {}

  static List<String> words(String text) {
    if (text == null) {
      return List.of();
    }
    String plain = Normalizer.normalize(unescape(text), Normalizer.Form.NFKC);
    List<String> words = new ArrayList<>();
    for (String raw : phrases(replaceLookalikes(plain).split(" "))) {
      String word = stripQuotes(unwrapLink(raw));
      if (word.isEmpty()) {
        continue;
      }
      // "25 %" is read as "25%".
      if (word.equals("%") && !words.isEmpty()) {
        words.set(words.size() - 1, words.get(words.size() - 1) + "%");
      } else {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * The words, with a phrase in double quotes kept as one ({@code "release party"}): a reason is
   * said in several words. A quote that is never closed runs to the end of the text, as the person
   * clearly meant a phrase ({@code /freeze prod 1h "release party}).
   */
  private static List<String> phrases(String[] raw) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String word = raw[i];
      boolean opens = word.startsWith("\"") && !(word.length() > 1 && word.endsWith("\""));
      int close = -1;
      if (opens) {
        close = raw.length - 1;
        for (int j = i + 1; j < raw.length; j++) {
          if (raw[j].endsWith("\"")) {
            close = j;
            break;
          }
        }
      }
      if (close < 0) {
        out.add(word);
        continue;
      }
      StringBuilder phrase = new StringBuilder(word);
      for (int j = i + 1; j <= close; j++) {
        if (!raw[j].isEmpty() || j == close) {
          phrase.append(' ').append(raw[j]);
        }
      }
      out.add(phrase.toString());
      i = close;
    }
    return out;
  }

  private static String unescape(String text) {
    Matcher escape = ESCAPE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (escape.find()) {
      String replacement =
          switch (escape.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            default -> ">";
          };
      escape.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    escape.appendTail(out);
    return out.toString();
  }

  /** Spaces of every kind become one space; quotes, dashes and invisible characters plain. */
  private static String replaceLookalikes(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isWhitespace(c)
                  || Character.isSpaceChar(c)
                  || Character.isISOControl(c)) {
                out.append(' ');
              } else if (Character.getType(c) == Character.FORMAT) {
                // zero-width spaces and joiners, byte-order marks: invisible, so not meant
              } else if (SINGLE_QUOTES.indexOf(c) >= 0) {
                out.append('\'');
              } else if (DOUBLE_QUOTES.indexOf(c) >= 0) {
                out.append('"');
              } else if (LONG_DASHES.indexOf(c) >= 0) {
                // Phones and editors turn "--" into a dash.
                boolean wordStart = out.length() == 0 || out.charAt(out.length() - 1) == ' ';
                out.append(wordStart ? "--" : "-");
              } else if (HYPHENS.indexOf(c) >= 0) {
                out.append('-');
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String unwrapLink(String word) {
    if (!word.startsWith("<")) {
      return word;
    }
    Matcher labelled = LABELLED_LINK.matcher(word);
    if (labelled.matches()) {
      return labelled.group(1);
    }
    Matcher bare = BARE_LINK.matcher(word);
    return bare.matches() ? bare.group(1) : word;
  }

  private static String stripQuotes(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && QUOTES.indexOf(word.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && QUOTES.indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    return word.substring(start, end);
  }
}
