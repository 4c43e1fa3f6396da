package dev.shipmate.bot.presenter;

import java.util.List;
import java.util.Objects;

/**
 * Who a thread note calls on, beyond those who follow the thread: a note in a card's thread
 * notifies nobody unless it mentions them, and a card's update never notifies.
 *
 * @param users user ids mentioned: the requester asked a question, the approvers of a request
 * @param userGroups user group ids mentioned as a whole (an approvers' group)
 * @param broadcast whether the note is shown in the channel too, not only in the thread (a failure
 *     of a protected environment)
 */
public record Audience(List<String> users, List<String> userGroups, boolean broadcast) {

  /** The thread's followers only. */
  public static final Audience THREAD = new Audience(List.of(), List.of(), false);

  public Audience {
    users = List.copyOf(users);
    userGroups = List.copyOf(userGroups);
  }

  /** One person, in the thread. */
  public static Audience of(String userId) {
    Objects.requireNonNull(userId, "userId");
    return new Audience(List.of(userId), List.of(), false);
  }

  /** The same people, and the channel too. */
  public Audience andChannel() {
    return new Audience(users, userGroups, true);
  }

  public boolean mentionsAnyone() {
    return !users.isEmpty() || !userGroups.isEmpty();
  }
}
