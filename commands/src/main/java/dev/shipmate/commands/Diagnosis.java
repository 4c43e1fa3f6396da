package dev.shipmate.commands;

import dev.shipmate.commands.Candidate.Defect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to tell a person whose words no form reads: the problem of the most plausible reading — a
 * word that is not valid where it stands, a missing argument, or words left over — or, when several
 * readings are equally plausible, what they have in common.
 */
final class Diagnosis {
  private static final int EXTRAS_LISTED = 3;

  private final Context context;
  private final List<Form> forms;
  private final Options options;

  Diagnosis(Context context, List<Form> forms, Options options) {
    this.context = context;
    this.forms = forms;
    this.options = options;
  }

  InvalidCommand of(List<Candidate> candidates, List<String> words) {
    if (words.isEmpty()) {
      return ofNothingTyped(candidates);
    }
    int best = candidates.stream().mapToInt(Candidate::score).max().orElseThrow();
    List<Candidate> top = candidates.stream().filter(c -> c.score() == best).toList();
    List<Usage> usages = Form.usages(top.stream().map(Candidate::form).toList());
    List<String> reasons = top.stream().map(c -> reason(c, top.size() == 1)).distinct().toList();
    if (reasons.size() == 1) {
      return new InvalidCommand(reasons.get(0), usages);
    }
    List<Defect> defects = top.stream().map(c -> c.defect().orElseThrow()).toList();
    if (defects.stream().allMatch(Defect.Absent.class::isInstance)) {
      List<String> firsts =
          defects.stream()
              .map(d -> ((Defect.Absent) d).slots().get(0).missing(context))
              .distinct()
              .toList();
      return new InvalidCommand("missing " + Suggestions.or(firsts), usages);
    }
    if (defects.stream().allMatch(Defect.Invalid.class::isInstance)
        && defects.stream().map(d -> ((Defect.Invalid) d).word()).distinct().count() == 1) {
      Defect.Invalid first = (Defect.Invalid) defects.get(0);
      List<String> nouns =
          defects.stream().map(d -> ((Defect.Invalid) d).slot().noun()).distinct().toList();
      return new InvalidCommand(
          Suggestions.quote(first.token()) + " is not " + Suggestions.or(nouns), usages);
    }
    return new InvalidCommand(reasons.get(0), usages);
  }

  /** An empty command: name everything the main form needs, or the subcommands to choose from. */
  private InvalidCommand ofNothingTyped(List<Candidate> candidates) {
    List<Usage> usages = Form.usages(forms);
    if (forms.stream().allMatch(Form::startsWithSubcommand)) {
      return new InvalidCommand(
          "missing the subcommand: "
              + Suggestions.or(context.subcommands().stream().map(s -> "`" + s + "`").toList()),
          usages);
    }
    Candidate main =
        candidates.stream().filter(c -> c.form() == forms.get(0)).findFirst().orElseThrow();
    return new InvalidCommand(reason(main, false), usages);
  }

  private String reason(Candidate candidate, boolean onlyReading) {
    Defect defect = candidate.defect().orElseThrow();
    if (defect instanceof Defect.Invalid invalid) {
      return invalid.reason();
    }
    if (defect instanceof Defect.Absent absent) {
      String missing =
          "missing "
              + Suggestions.and(absent.slots().stream().map(s -> s.missing(context)).toList());
      if (!candidate.extras().isEmpty()) {
        // The words are all there, one of them in the wrong place; say which is left over.
        return missing + ", and " + leftOver(candidate.extras());
      }
      return onlyReading ? missing + withCommandWords(candidate, absent).orElse("") : missing;
    }
    return extra(candidate, ((Defect.Extra) defect).words());
  }

  /** "missing `to` — did you mean `/rollback web prod to v1.1`?" */
  private Optional<String> withCommandWords(Candidate candidate, Defect.Absent absent) {
    if (!absent.slots().stream().allMatch(Keyword.class::isInstance)) {
      return Optional.empty();
    }
    try {
      return Optional.of(" — did you mean `" + candidate.build(options).commandLine() + "`?");
    } catch (InvalidCommand refusal) {
      return Optional.empty();
    }
  }

  private static String leftOver(List<String> words) {
    return listed(words) + (words.size() == 1 ? " is left over" : " are left over");
  }

  private static String listed(List<String> words) {
    List<String> quoted = new ArrayList<>();
    words.stream().limit(EXTRAS_LISTED).forEach(w -> quoted.add(Suggestions.quote(w)));
    if (words.size() > EXTRAS_LISTED) {
      quoted.add((words.size() - EXTRAS_LISTED) + " more");
    }
    return Suggestions.and(quoted);
  }

  private String extra(Candidate candidate, List<String> words) {
    String reason = (words.size() == 1 ? "extra argument " : "extra arguments ") + listed(words);
    if (words.size() == 1) {
      String spelling = "--" + words.get(0).replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
      List<String> flags = candidate.form().flags().stream().map(Flag::spelling).sorted().toList();
      Optional<String> flag =
          flags.contains(spelling) ? Optional.of(spelling) : Suggestions.closest(spelling, flags);
      if (flag.isPresent()) {
        return reason + " — did you mean `" + flag.get() + "`?";
      }
    }
    if (candidate.form().slots().isEmpty()) {
      return reason + ": `" + candidate.form().usage().slash() + "` takes none";
    }
    return reason;
  }
}
