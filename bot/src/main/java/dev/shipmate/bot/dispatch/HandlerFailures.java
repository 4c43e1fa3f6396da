package dev.shipmate.bot.dispatch;

import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command or click answers when its handler throws: never an HTTP 500 (Slack would show
 * "failed with the error dispatch_failed" and retry nothing), but a sentence naming a short
 * reference that is also in the log line with the stack trace, so whoever reads the answer can hand
 * the reference to whoever reads the logs.
 */
public final class HandlerFailures {

  private static final Logger log = LoggerFactory.getLogger(HandlerFailures.class);

  private static final String LETTERS = "abcdefghjkmnpqrstuvwxyz";
  private static final String DIGITS = "23456789";

  private HandlerFailures() {}

  /**
   * Logs {@code failure} under a new reference and returns the sentence for the person: "Shipmate
   * could not {@code what} (ref x1y2); nothing was changed. …".
   */
  public static String answer(String what, String userId, Throwable failure) {
    String ref = newRef();
    log.error("ref {}: {} for {} failed", ref, what, userId, failure);
    return "Shipmate could not "
        + what
        + " (ref "
        + ref
        + "); nothing was changed. Try again; if it happens again, give the reference to whoever"
        + " runs Shipmate.";
  }

  /** Four characters, letter digit letter digit, without look-alikes (l, 1, o, 0, i). */
  public static String newRef() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder ref = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      String from = i % 2 == 0 ? LETTERS : DIGITS;
      ref.append(from.charAt(random.nextInt(from.length())));
    }
    return ref.toString();
  }
}
