package dev.shipmate.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the positional words of one slash command against each of its forms and takes the best
 * valid reading; when none is valid, says why (see {@link Diagnosis}).
 */
final class FormMatcher {
  /** Past this many words, trying every order costs more than the hint is worth. */
  private static final int MOST_WORDS_REORDERED = 4;

  private final Context context;
  private final List<Form> forms;

  FormMatcher(Context context, List<Form> forms) {
    this.context = context;
    this.forms = List.copyOf(forms);
  }

  Command read(Words typed) {
    List<String> words = typed.positionals();
    List<Candidate> candidates = new ArrayList<>();
    for (Form form : forms) {
      candidates.addAll(Candidate.inOrder(form, words, context));
    }
    List<Candidate> valid = candidates.stream().filter(Candidate::valid).toList();
    if (!valid.isEmpty()) {
      return choose(valid, typed.options());
    }
    Optional<String> reordered = reordered(words, typed.options());
    if (reordered.isPresent()) {
      throw new InvalidCommand(
          "the arguments are in the wrong order — did you mean `" + reordered.get() + "`?",
          Form.usages(forms));
    }
    throw new Diagnosis(context, forms, typed.options()).of(candidates, words);
  }

  /**
   * The best-scoring reading, preferring one that leaves fewer names to the configuration; two best
   * readings that make different commands are refused as ambiguous rather than guessed.
   */
  private Command choose(List<Candidate> valid, Options options) {
    int best = valid.stream().mapToInt(Candidate::score).max().orElseThrow();
    List<Candidate> top = valid.stream().filter(c -> c.score() == best).toList();
    int fewest = top.stream().mapToInt(Candidate::omitted).min().orElseThrow();
    top =
        top.stream()
            .filter(c -> c.omitted() == fewest)
            .sorted(Comparator.comparingInt(c -> forms.indexOf(c.form())))
            .toList();
    Set<Command> commands = new LinkedHashSet<>();
    InvalidCommand firstRefusal = null;
    for (Candidate candidate : top) {
      try {
        commands.add(candidate.build(options));
      } catch (InvalidCommand refusal) {
        firstRefusal = firstRefusal == null ? refusal : firstRefusal;
      }
    }
    if (commands.isEmpty()) {
      throw firstRefusal;
    }
    if (commands.size() > 1) {
      throw new InvalidCommand(
          "ambiguous: did you mean "
              + Suggestions.or(commands.stream().map(c -> "`" + c.commandLine() + "`").toList())
              + "?",
          Form.usages(top.stream().map(Candidate::form).toList()));
    }
    return commands.iterator().next();
  }

  /** The command the words make in another order, when exactly one order makes one. */
  private Optional<String> reordered(List<String> words, Options options) {
    if (words.size() < 2 || words.size() > MOST_WORDS_REORDERED) {
      return Optional.empty();
    }
    Set<String> lines = new LinkedHashSet<>();
    for (Form form : forms) {
      for (Candidate candidate : Candidate.anyOrder(form, words, context)) {
        if (candidate.strong()) {
          try {
            lines.add(candidate.build(options).commandLine());
          } catch (InvalidCommand refusal) {
            // that order makes no command with these options either
          }
        }
      }
    }
    return lines.size() == 1 ? Optional.of(lines.iterator().next()) : Optional.empty();
  }
}
