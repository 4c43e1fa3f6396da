package dev.shipmate.commands;

/**
 * How well one typed word fits one place in a command. The score ranks the ways of reading a
 * command against each other: the reading with the best total is the one taken, or, when none is
 * valid, the one whose problem is reported.
 */
sealed interface Fit {
  /** A command word, typed exactly ({@code history}, {@code status}). */
  int KEYWORD = 5;

  /** A configured name, or a value of an unmistakable shape ({@code 25%}, {@code pr-12}). */
  int STRONG = 3;

  /** Not valid, but clearly meant for this place: a near typo, {@code 120%}, {@code 25}. */
  int CLOSE = 2;

  /** Valid, but proves little: almost any word is a possible image tag. */
  int WEAK = 1;

  /** Nothing in common. */
  int NONE = 0;

  int score();

  /** The word is valid here and means {@code value}. */
  record Match(Object value, int score) implements Fit {}

  /** The word is not valid here, for {@code reason}. */
  record Miss(String reason, int score) implements Fit {}
}
