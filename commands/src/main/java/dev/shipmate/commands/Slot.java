package dev.shipmate.commands;

import java.util.Optional;

/** One place for a word in a way of writing a command: a command word, a name, or a value. */
sealed interface Slot permits Keyword, Name, Value {

  /** How well {@code token} fits here. */
  Fit fit(String token, Context context);

  /** The slot when a message says it is missing: "the service (known: web, api)". */
  String missing(Context context);

  /** The slot when a message lists what a word could have been: "a percentage (like 25%)". */
  String noun();

  /** The value to use when the word is left out; only a name the configuration has one of. */
  default Optional<String> sole(Context context) {
    return Optional.empty();
  }
}
