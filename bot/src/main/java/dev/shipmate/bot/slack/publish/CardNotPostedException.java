package dev.shipmate.bot.slack.publish;

/** A run's card could not be posted, so the run has no card and no thread in Slack. */
public final class CardNotPostedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CardNotPostedException(String message, Throwable cause) {
    super(message, cause);
  }
}
