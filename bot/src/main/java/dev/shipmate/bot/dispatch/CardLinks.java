package dev.shipmate.bot.dispatch;

/**
 * Tells who started a run where its card is, once the card exists: the answer to the command is
 * given before the card is posted (nothing slow before the ack), so it cannot link the card, and a
 * card that cannot be posted must not leave its requester waiting for it.
 */
public interface CardLinks {

  /** Tells nothing: for a front without cards (in-memory tests of the command layer). */
  CardLinks NONE = (runId, origin) -> {};

  /**
   * When the card of {@code runId} has been posted, tells who typed {@code origin} where it is,
   * unless they typed it in the card's channel (the card appears under their eyes); when it could
   * not be posted, tells them why, wherever they typed it.
   */
  void tellWhenPosted(String runId, CommandOrigin origin);
}
