package dev.shipmate.bot.slack.publish;

import dev.shipmate.bot.presenter.RunCard;
import java.util.Optional;

/**
 * Where the truth about a run's card is kept, shared by every replica: the publisher takes the card
 * before it changes it in Slack, sends what the stored run shows at that moment, and lets go. With
 * two replicas holding updates for one card, their {@code chat.update}s so go one at a time, each
 * with the newest state, and an older state never overwrites a newer one.
 */
public interface CardSource {

  /** Takes the run's card for this process; false while another replica is changing it. */
  boolean hold(String runId);

  /** The card as the stored run shows it now; empty when the run is not (or no longer) stored. */
  Optional<RunCard> current(String runId);

  /** Lets go of the run's card. */
  void release(String runId);

  /** One process alone: the card is always its own, and its newest snapshot is the truth. */
  CardSource ALONE =
      new CardSource() {
        @Override
        public boolean hold(String runId) {
          return true;
        }

        @Override
        public Optional<RunCard> current(String runId) {
          return Optional.empty();
        }

        @Override
        public void release(String runId) {}
      };
}
