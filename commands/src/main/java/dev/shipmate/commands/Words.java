package dev.shipmate.commands;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a command, split into positional words and options. Options may come anywhere, as
 * {@code --ttl 48h} or {@code --ttl=48h}; each is checked here, before the positional words are
 * read, so that a mistyped option is reported as such rather than as a stray word.
 */
record Words(List<String> positionals, Options options) {
  /** {@code <service>}; not Slack's own {@code <@U123>} or {@code <#C123>}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][^<>]*>");

  Words {
    positionals = List.copyOf(positionals);
  }

  static Words split(List<String> tokens, Context context, List<Form> forms) {
    List<Usage> usages = Form.usages(forms);
    Set<Flag> accepted = EnumSet.noneOf(Flag.class);
    forms.forEach(f -> accepted.addAll(f.flags()));
    List<String> positionals = new ArrayList<>();
    Map<Flag, Object> values = new EnumMap<>(Flag.class);
    tokens.forEach(token -> refusePlaceholder(token, usages));
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (!Flag.looksLikeOne(token)) {
        positionals.add(token);
        continue;
      }
      int equals = token.indexOf('=');
      String spelling = (equals < 0 ? token : token.substring(0, equals)).toLowerCase(Locale.ROOT);
      Optional<String> inline =
          equals < 0 ? Optional.empty() : Optional.of(token.substring(equals + 1));
      Flag flag =
          Flag.named(spelling)
              .filter(accepted::contains)
              .orElseThrow(() -> unknown(spelling, context, accepted, usages));
      if (values.containsKey(flag)) {
        throw new InvalidCommand("`" + flag.spelling() + "` is given twice", usages);
      }
      if (flag.value().isEmpty()) {
        if (inline.isPresent()) {
          throw new InvalidCommand("`" + flag.spelling() + "` takes no value", usages);
        }
        values.put(flag, Boolean.TRUE);
        continue;
      }
      Value kind = flag.value().get();
      String value;
      if (inline.isPresent()) {
        value = inline.get();
      } else if (i + 1 < tokens.size() && !Flag.looksLikeOne(tokens.get(i + 1))) {
        value = tokens.get(++i);
      } else {
        value = "";
      }
      if (value.isEmpty()) {
        throw new InvalidCommand(
            "`" + flag.spelling() + "` needs a value: " + kind.noun(), usagesWith(flag, forms));
      }
      Fit fit = context.fit(kind, value);
      if (fit instanceof Fit.Miss miss) {
        throw new InvalidCommand(
            "`" + flag.spelling() + "`: " + miss.reason(), usagesWith(flag, forms));
      }
      values.put(flag, ((Fit.Match) fit).value());
    }
    return new Words(positionals, new Options(values));
  }

  /** Usage lines are copied with their brackets; say so rather than "no service '<service>'". */
  private static void refusePlaceholder(String token, List<Usage> usages) {
    if (PLACEHOLDER.matcher(token).matches()) {
      throw new InvalidCommand(
          Suggestions.quote(token)
              + " is a placeholder from the usage line: put a value in its place",
          usages);
    }
    if (token.length() > 2 && token.startsWith("[") && token.endsWith("]")) {
      throw new InvalidCommand(
          Suggestions.quote(token)
              + ": leave out the brackets, they mark what may be left out: `"
              + token.substring(1, token.length() - 1)
              + "`",
          usages);
    }
  }

  private static InvalidCommand unknown(
      String spelling, Context context, Set<Flag> accepted, List<Usage> usages) {
    String typed = Suggestions.quote(spelling);
    List<String> known = accepted.stream().map(Flag::spelling).toList();
    if (Flag.named(spelling).isPresent()) {
      return new InvalidCommand(
          "`"
              + spelling
              + "` is not an option of `"
              + context.slash()
              + "`, which takes "
              + (known.isEmpty() ? "none" : Suggestions.and(quoted(known))),
          usages);
    }
    if (accepted.isEmpty()) {
      return new InvalidCommand(
          "unknown option " + typed + ": `" + context.slash() + "` takes no options", usages);
    }
    Optional<String> meant = Suggestions.closest(spelling, known);
    if (meant.isPresent()) {
      return new InvalidCommand(
          "unknown option " + typed + " — did you mean `" + meant.get() + "`?", usages);
    }
    return new InvalidCommand(
        "unknown option "
            + typed
            + " (`"
            + context.slash()
            + "` takes "
            + Suggestions.and(quoted(known))
            + ")",
        usages);
  }

  private static List<String> quoted(List<String> spellings) {
    return spellings.stream().map(k -> "`" + k + "`").toList();
  }

  private static List<Usage> usagesWith(Flag flag, List<Form> forms) {
    return Form.usages(forms.stream().filter(f -> f.flags().contains(flag)).toList());
  }
}
