package dev.shipmate.engine.run;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a step asks a person when it cannot decide alone (a drain stuck behind a budget: wait, force
 * it, or skip the node?). The run pauses with the question; a person's choice resumes it, and the
 * step reads the choice on its next check. Stopping the run is always possible besides the choices
 * (cancel), so a question never lists it.
 *
 * @param text the question, naming what is stuck and why, as a sentence or two
 * @param choices one to four answers, in the order they are offered
 */
public record Question(String text, List<Choice> choices) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public Question {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a question needs text");
    }
    choices = List.copyOf(choices);
    if (choices.isEmpty() || choices.size() > 4) {
      throw new IllegalArgumentException("a question offers 1 to 4 choices, not " + choices.size());
    }
    Set<String> ids = new HashSet<>();
    for (Choice choice : choices) {
      if (!ids.add(choice.id())) {
        throw new IllegalArgumentException("two choices are named '" + choice.id() + "'");
      }
    }
  }

  public Optional<Choice> choice(String id) {
    return choices.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** {@code Wait longer, Evict anyway or Skip node}. */
  public String choiceLabels() {
    List<String> labels = choices.stream().map(Choice::label).toList();
    if (labels.size() == 1) {
      return labels.get(0);
    }
    return String.join(", ", labels.subList(0, labels.size() - 1))
        + " or "
        + labels.get(labels.size() - 1);
  }

  /**
   * One answer.
   *
   * @param id stable, what buttons carry and the step compares: lower case, digits and dashes
   * @param label what the button says
   * @param destructive whether it overrides a safeguard (deletes a pod despite its budget): a
   *     renderer asks "are you sure?" first
   */
  public record Choice(String id, String label, boolean destructive) {
    public Choice {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "a choice id is lower case letters, digits and dashes, not '" + id + "'");
      }
      if (label.isBlank()) {
        throw new IllegalArgumentException("choice " + id + " needs a label");
      }
    }

    public static Choice of(String id, String label) {
      return new Choice(id, label, false);
    }

    public static Choice destructive(String id, String label) {
      return new Choice(id, label, true);
    }
  }
}
