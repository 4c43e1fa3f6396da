package dev.shipmate.pipelines.preview;

import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep of the TTL reaper: starts a {@code preview-down} run for every expired preview (and
 * says so in its thread), and warns the owner of every preview that expires within the hour, once
 * per expiry. A scheduler calls {@link #sweep()} periodically; a sweep that overlaps a run already
 * holding the preview's lock leaves it for the next one.
 */
public final class PreviewReaper {
  /** Who the reaper's runs are requested by, in the ledger and on the card. */
  public static final String REQUESTER = "shipmate";

  /** The reason a reaped preview's removal gives. */
  public static final String EXPIRED = "expired";

  private static final Logger log = LoggerFactory.getLogger(PreviewReaper.class);

  private final Engine engine;
  private final PreviewGateway gateway;
  private final PreviewExpiry expiry;
  private final PreviewNotices notices;
  private final ReplyAddress reportTo;

  /**
   * @param expiry on the clock that says what "now" is
   * @param reportTo where the removal runs' cards go
   */
  public PreviewReaper(
      Engine engine,
      PreviewGateway gateway,
      PreviewExpiry expiry,
      PreviewNotices notices,
      ReplyAddress reportTo) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.reportTo = Objects.requireNonNull(reportTo, "reportTo");
  }

  /** What one sweep did. */
  public record Sweep(List<RunId> removals, List<Integer> warned) {
    public Sweep {
      removals = List.copyOf(removals);
      warned = List.copyOf(warned);
    }
  }

  public Sweep sweep() {
    List<Preview> previews = gateway.list();
    List<RunId> removals = new ArrayList<>();
    for (Preview preview : expiry.expired(previews)) {
      StartResult result =
          engine.start(
              StartRequest.of(
                      PreviewDownPipeline.TYPE,
                      new PreviewDownRequest(preview.pr(), EXPIRED),
                      REQUESTER)
                  .replyTo(reportTo));
      if (result instanceof StartResult.Started started) {
        removals.add(started.run().id());
        notices.expired(preview, started.run().id());
      } else if (result instanceof StartResult.Refused refused) {
        log.info("{} expired; not removed yet: {}", preview.handle(), refused.userMessage());
      }
    }
    List<Integer> warned = new ArrayList<>();
    for (Preview preview : expiry.dueForWarning(previews)) {
      if (notices.expiresSoon(preview)) {
        try {
          gateway.markWarned(preview.namespace(), preview.expiresAt());
          warned.add(preview.pr());
        } catch (PreviewNotFoundException gone) {
          log.info("{} went away while its owner was warned", preview.handle());
        }
      }
    }
    return new Sweep(removals, warned);
  }
}
