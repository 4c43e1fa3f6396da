package dev.shipmate.bot.dispatch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run its target wants confirmed by its requester before it is asked for ({@code confirm: true}):
 * what the platform shows (Slack: a modal) and what it hands back once its requester confirms.
 * Nothing is kept meanwhile: the confirmation carries the command as typed, so that whichever
 * replica receives the confirmation, or this one after a restart, starts it on the rules of then.
 *
 * @param summary what the run would do: {@code deploy web v1.2 to prod}
 * @param verb what starting it means: {@code deploy}, the label of the button that confirms
 * @param facts what the requester should know before confirming, one a line: the approvals it waits
 *     for and from whom, whether its target is busy and with what
 * @param currently what the target runs now, read off the ack's thread (it may read a cluster):
 *     shown once read; empty when the command says nothing about it
 * @param replay the command to run again once confirmed
 */
public record Confirmation(
    String summary,
    String verb,
    List<String> facts,
    Optional<Supplier<String>> currently,
    Replay replay) {

  public Confirmation {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(verb, "verb");
    facts = List.copyOf(facts);
    Objects.requireNonNull(currently, "currently");
    Objects.requireNonNull(replay, "replay");
  }

  /**
   * The command a confirmation starts: who typed what, where, and where to answer them privately.
   *
   * @param typed the command as typed: {@code /deploy web v1.2 prod}
   */
  public record Replay(String typed, String userId, String channelId, Optional<String> replyUrl) {
    public Replay {
      Objects.requireNonNull(typed, "typed");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(replyUrl, "replyUrl");
    }

    /** The slash command: {@code /deploy}. */
    public String command() {
      int space = typed.indexOf(' ');
      return space < 0 ? typed : typed.substring(0, space);
    }

    /** What followed it: {@code web v1.2 prod}. */
    public String text() {
      int space = typed.indexOf(' ');
      return space < 0 ? "" : typed.substring(space + 1);
    }
  }
}
