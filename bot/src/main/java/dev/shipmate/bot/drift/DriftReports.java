package dev.shipmate.bot.drift;

import dev.shipmate.bot.slack.publish.CardAddress;
import dev.shipmate.bot.slack.publish.SlackCallException;
import dev.shipmate.config.Drift;
import dev.shipmate.pipelines.drift.AgedFinding;
import dev.shipmate.pipelines.drift.DriftInspector;
import dev.shipmate.pipelines.drift.DriftLedger;
import dev.shipmate.pipelines.drift.DriftReport;
import dev.shipmate.pipelines.drift.GitSourceException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes drift reports and posts them: the scheduled one to {@code drift.channel}, an asked-for one
 * ({@code /drift [cluster]}) in a thread of the channel it was typed in. One report at a time in
 * this process (Quartz keeps the scheduled one to one replica at a time).
 */
public final class DriftReports {
  private static final Logger log = LoggerFactory.getLogger(DriftReports.class);

  private final Drift drift;
  private final DriftInspector inspector;
  private final DriftLedger ledger;
  private final DriftMessageRenderer renderer = new DriftMessageRenderer();
  private final DriftPublisher publisher;
  private final Executor executor;
  private final Consumer<DriftReport> onReport;
  private boolean closed;

  /**
   * @param executor where asked-for reports are made, off the thread that acknowledges the command
   * @param onReport told of every report made (the metrics)
   */
  public DriftReports(
      Drift drift,
      DriftInspector inspector,
      DriftLedger ledger,
      DriftPublisher publisher,
      Executor executor,
      Consumer<DriftReport> onReport) {
    this.drift = drift;
    this.inspector = inspector;
    this.ledger = ledger;
    this.publisher = publisher;
    this.executor = executor;
    this.onReport = onReport;
  }

  /** The scheduled report of every cluster and Route53, to {@code drift.channel}. */
  public void scheduled() {
    report(Optional.empty(), drift.channel(), null);
  }

  /**
   * {@code /drift [cluster]}: checks the cluster, then makes the report off this thread.
   *
   * @return the answer for the person who typed it
   */
  public String requested(Optional<String> cluster, String channelId, String userId) {
    List<String> known = inspector.clusterNames();
    if (cluster.isPresent() && !known.contains(cluster.get())) {
      return "Drift reports do not cover a cluster named '"
          + cluster.get()
          + "' (they cover: "
          + String.join(", ", known)
          + "), so nothing was checked. Type `/drift` for all of them, or add it to drift.clusters.";
    }
    String what = cluster.map(c -> "cluster " + c).orElse("every cluster and Route53");
    try {
      executor.execute(
          () -> {
            try {
              CardAddress head =
                  publisher.say(
                      channelId,
                      null,
                      "<@"
                          + userId
                          + "> asked for a drift report of "
                          + what
                          + ": see the thread.");
              report(cluster, head.channel(), head.ts());
            } catch (SlackCallException e) {
              log.warn(
                  "the drift report asked for in {} could not be posted: {}",
                  channelId,
                  e.getMessage());
            }
          });
    } catch (RejectedExecutionException stopping) {
      return "Shipmate is stopping, so no drift report was started. Type `/drift` again in a minute.";
    }
    return "Comparing " + what + " with git: the report follows in a thread of this channel.";
  }

  /**
   * Makes no report from now on, once the one being made (if any) is done: what a report reads (the
   * repository's clone) may then be taken away. A report that read a clone being deleted would say
   * "no drift" and set the gauges to 0.
   */
  public synchronized void close() {
    closed = true;
  }

  private synchronized void report(Optional<String> cluster, String channel, String threadTs) {
    if (closed) {
      log.info("no drift report: Shipmate is stopping");
      return;
    }
    try {
      DriftReport report;
      try {
        report = inspector.inspect(cluster);
      } catch (GitSourceException e) {
        publisher.say(
            channel,
            threadTs,
            "The drift report failed while fetching the repository: "
                + e.getMessage()
                + ". Check drift.source in shipmate.yaml (and the token), then type `/drift`.");
        return;
      }
      onReport.accept(report);
      List<AgedFinding> aged = ledger.remember(report);
      publisher.publish(channel, threadTs, renderer.render(report, aged, drift.source().branch()));
      log.info(
          "drift report of {} posted to {}: {} findings",
          report.clusters(),
          channel,
          report.findings().size());
    } catch (SlackCallException e) {
      log.warn("the drift report could not be posted to {}: {}", channel, e.getMessage());
    }
  }
}
