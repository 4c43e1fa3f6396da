package dev.shipmate.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One reading of the positional words against one form: which word goes in which slot, which slots
 * are left out (a name the configuration has only one of) or missing, and which words are left
 * over.
 */
record Candidate(Form form, List<Placement> placements, List<String> extras) {

  /** What fills one slot. */
  sealed interface Placement {
    /** The word at {@code word} (its position in the text) fills the slot, well or not. */
    record Placed(int word, String token, Fit fit) implements Placement {}

    /** Left out, and taken from the configuration. */
    record Omitted(String value) implements Placement {}

    /** Left out, and needed. */
    record Missing() implements Placement {}
  }

  /** The first thing wrong with a reading, in the order a person fixes them. */
  sealed interface Defect {
    record Invalid(int word, String token, Slot slot, String reason) implements Defect {}

    record Absent(List<Slot> slots) implements Defect {}

    record Extra(List<String> words) implements Defect {}
  }

  Candidate {
    placements = List.copyOf(placements);
    extras = List.copyOf(extras);
  }

  /**
   * Every reading that keeps the words in the order typed: each subset of slots may be absent, the
   * words fill the others in order, and words beyond them are extra.
   */
  static List<Candidate> inOrder(Form form, List<String> words, Context context) {
    List<Slot> slots = form.slots();
    List<Candidate> candidates = new ArrayList<>();
    for (int absent = 0; absent < 1 << slots.size(); absent++) {
      int present = slots.size() - Integer.bitCount(absent);
      if (present > words.size()) {
        continue;
      }
      List<Placement> placements = new ArrayList<>();
      int next = 0;
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        if ((absent & 1 << i) != 0) {
          placements.add(leftOut(slot, context));
        } else {
          String token = words.get(next);
          placements.add(new Placement.Placed(next, token, context.fit(slot, token)));
          next++;
        }
      }
      candidates.add(new Candidate(form, placements, words.subList(present, words.size())));
    }
    return candidates;
  }

  /**
   * Every reading that uses each word once, in any order, leaving out only names the configuration
   * has one of; for "did you mean" when the words were typed in the wrong order.
   */
  static List<Candidate> anyOrder(Form form, List<String> words, Context context) {
    List<Candidate> candidates = new ArrayList<>();
    if (words.size() <= form.slots().size()) {
      permute(form, words, context, new int[form.slots().size()], 0, candidates);
    }
    return candidates;
  }

  private static void permute(
      Form form,
      List<String> words,
      Context context,
      int[] wordOfSlot,
      int word,
      List<Candidate> out) {
    List<Slot> slots = form.slots();
    if (word == words.size()) {
      List<Placement> placements = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        if (wordOfSlot[i] == 0) {
          Placement leftOut = leftOut(slots.get(i), context);
          if (leftOut instanceof Placement.Missing) {
            return;
          }
          placements.add(leftOut);
        } else {
          String token = words.get(wordOfSlot[i] - 1);
          placements.add(
              new Placement.Placed(wordOfSlot[i] - 1, token, context.fit(slots.get(i), token)));
        }
      }
      out.add(new Candidate(form, placements, List.of()));
      return;
    }
    for (int i = 0; i < slots.size(); i++) {
      if (wordOfSlot[i] == 0) {
        wordOfSlot[i] = word + 1;
        permute(form, words, context, wordOfSlot, word + 1, out);
        wordOfSlot[i] = 0;
      }
    }
  }

  private static Placement leftOut(Slot slot, Context context) {
    return slot.sole(context)
        .<Placement>map(Placement.Omitted::new)
        .orElseGet(Placement.Missing::new);
  }

  int score() {
    int score = -extras.size();
    for (Placement placement : placements) {
      if (placement instanceof Placement.Placed placed) {
        score += placed.fit().score();
      }
    }
    // A form chosen by its first word ("/deploy history …") was not chosen when that word is
    // missing: "/deploy web prod" lacks a version, not the word "history".
    if (form.startsWithSubcommand() && placements.get(0) instanceof Placement.Missing) {
      score--;
    }
    return score;
  }

  int omitted() {
    return (int) placements.stream().filter(Placement.Omitted.class::isInstance).count();
  }

  boolean valid() {
    return defect().isEmpty();
  }

  /** Valid, with every word unmistakably where it belongs. */
  boolean strong() {
    return valid()
        && placements.stream()
            .allMatch(
                p -> !(p instanceof Placement.Placed placed) || placed.fit().score() >= Fit.STRONG);
  }

  Optional<Defect> defect() {
    List<Slot> missing = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      Placement placement = placements.get(i);
      if (placement instanceof Placement.Placed placed && placed.fit() instanceof Fit.Miss miss) {
        return Optional.of(
            new Defect.Invalid(placed.word(), placed.token(), form.slots().get(i), miss.reason()));
      }
      if (placement instanceof Placement.Missing) {
        missing.add(form.slots().get(i));
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of(new Defect.Absent(missing));
    }
    return extras.isEmpty() ? Optional.empty() : Optional.of(new Defect.Extra(extras));
  }

  /**
   * The slot values for the form's builder. A missing command word counts as typed, which lets a
   * "missing `to`" rejection show the command with it.
   */
  Optional<Values> values() {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      Placement placement = placements.get(i);
      Slot slot = form.slots().get(i);
      if (placement instanceof Placement.Placed placed && placed.fit() instanceof Fit.Match match) {
        values.add(match.value());
      } else if (placement instanceof Placement.Omitted omitted) {
        values.add(omitted.value());
      } else if (placement instanceof Placement.Missing && slot instanceof Keyword keyword) {
        values.add(keyword.word());
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new Values(values));
  }

  /** The command this reading makes, if its values are complete and its options fit the form. */
  Command build(Options options) {
    Values values =
        values().orElseThrow(() -> new IllegalStateException("an incomplete reading: " + this));
    for (Flag flag : options.given()) {
      if (!form.flags().contains(flag)) {
        throw new InvalidCommand(
            "`" + flag.spelling() + "` is not an option of `" + formName() + "`",
            List.of(form.usage()));
      }
    }
    return form.builder().build(values, options);
  }

  /** {@code /env down}, {@code /cutover status}: the slash command and its command words. */
  private String formName() {
    StringBuilder name = new StringBuilder(form.usage().slash());
    form.slots().stream()
        .filter(s -> s instanceof Keyword k && k.subcommand())
        .forEach(s -> name.append(' ').append(((Keyword) s).word()));
    return name.toString();
  }
}
