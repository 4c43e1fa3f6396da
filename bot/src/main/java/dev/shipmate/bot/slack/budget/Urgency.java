package dev.shipmate.bot.slack.budget;

/**
 * How much a Slack call matters when its method's budget is short: waiting calls go in this order,
 * first come first served within one urgency.
 */
public enum Urgency {
  /**
   * What must arrive: a card's post and its final state, a failure cause, an outcome, an answer a
   * person waits for. Never starved by the others.
   */
  MUST_ARRIVE,
  /** An ordinary message: a thread note, App Home, a report. */
  ORDINARY,
  /** An in-progress card update: the next one supersedes it anyway. */
  PROGRESS
}
