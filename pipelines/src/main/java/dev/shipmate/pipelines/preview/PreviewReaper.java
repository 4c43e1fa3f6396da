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
 * The TTL reaper: starts a {@code preview-down} run for every expired preview (and says so in its
 * thread), and warns the owner of every preview that expires within the warning time ({@code
 * watchdogs.previewWarning}), once per expiry. The bot calls {@link #remove()} on the reaper's own
 * schedule and {@link #warn()} as a watch of the engine's watchdog; {@link #sweep()} does both. A
 * removal that meets a run already holding the preview's lock is left for the next one.
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

  /** Removals and warnings at once: {@link #remove} then {@link #warn}, on one listing. */
  public Sweep sweep() {
    List<Preview> previews = gateway.list();
    return new Sweep(remove(previews), warn(previews));
  }

  /** Starts the removal of every expired preview: the reaper's own job. */
  public List<RunId> remove() {
    return remove(gateway.list());
  }

  /**
   * Warns the owner of every preview that expires within the warning time, once per expiry: a watch
   * of the engine's watchdog.
   */
  public List<Integer> warn() {
    return warn(gateway.list());
  }

  private List<RunId> remove(List<Preview> previews) {
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
    return removals;
  }

  private List<Integer> warn(List<Preview> previews) {
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
    return warned;
  }
}
