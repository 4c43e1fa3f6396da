package dev.shipmate.bot.drift;

import com.slack.api.Slack;
import dev.shipmate.bot.auth.Authorizer;
import dev.shipmate.bot.slack.publish.SlackChatGateway;
import dev.shipmate.config.Drift;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.recurring.RecurringJob;
import dev.shipmate.engine.recurring.Schedule;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.DriftInspector;
import dev.shipmate.pipelines.drift.DriftLedger;
import dev.shipmate.pipelines.drift.DriftReport;
import dev.shipmate.pipelines.drift.GitManifestSource;
import dev.shipmate.pipelines.drift.WeightComparer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift reports put together from the configuration's {@code drift} section: the repository's
 * clone, the ledger in the engine's database, the schedule on the engine's scheduler, the reports
 * and the buttons. Nothing when the configuration has no {@code drift} section.
 */
public final class DriftWiring implements AutoCloseable {
  /** The name of the scheduled report among the engine's recurring jobs. */
  public static final String JOB = "drift-report";

  private static final Logger log = LoggerFactory.getLogger(DriftWiring.class);

  private final DriftReports reports;
  private final DriftLedger ledger;
  private final Clock clock;
  private final List<AutoCloseable> parts;

  private DriftWiring(
      DriftReports reports, DriftLedger ledger, Clock clock, List<AutoCloseable> parts) {
    this.reports = reports;
    this.ledger = ledger;
    this.clock = clock;
    this.parts = parts;
  }

  /**
   * Starts drift reports, schedule included, when {@code config} has a {@code drift} section.
   *
   * @param engine whose database keeps the ledger and whose scheduler fires {@code drift.schedule}
   *     (once across replicas)
   * @param worlds made only when there is a drift section; closed with the returned wiring
   * @param work where reports asked for with {@code /drift} are made, one at a time; its owner
   *     stops it
   */
  public static Optional<DriftWiring> start(
      ShipmateConfig config,
      Engine engine,
      Supplier<DriftWorld> worlds,
      Slack slack,
      String botToken,
      Clock clock,
      Consumer<DriftReport> onReport,
      ExecutorService work)
      throws Exception {
    if (config.drift().isEmpty()) {
      return Optional.empty();
    }
    Drift drift = config.drift().get();
    DriftWorld world = worlds.get();
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(world.resources());
    try {
      Path clone = Files.createTempDirectory("shipmate-drift-");
      parts.add(() -> deleteTree(clone));
      DriftLedger ledger = new DriftLedger(engine.dataSource());
      DriftPublisher publisher = new DriftPublisher(new SlackChatGateway(slack, botToken));
      DriftInspector inspector =
          new DriftInspector(
              config,
              new GitManifestSource(drift.source(), clone.resolve("repository")),
              world.clusters(),
              new WeightComparer(world.route53()),
              clock);
      DriftReports reports = new DriftReports(drift, inspector, ledger, publisher, work, onReport);
      // Closed before the clone is deleted (parts close newest first): a report still running
      // finishes on an intact clone.
      parts.add(reports::close);
      engine.schedule(
          new RecurringJob(
              JOB,
              Schedule.cron(drift.schedule(), ZoneId.systemDefault()),
              () -> scheduled(reports, work)));
      log.info("drift reports to {} on '{}'", drift.channel(), drift.schedule());
      return Optional.of(new DriftWiring(reports, ledger, clock, parts));
    } catch (Exception | Error failed) {
      closeAll(parts);
      throw failed;
    }
  }

  public DriftReports reports() {
    return reports;
  }

  /** The decisions taken about drift, and the findings seen. */
  DriftLedger ledger() {
    return ledger;
  }

  /**
   * The scheduled report is made on the drift thread, not the scheduler's: the scheduler's threads
   * advance runs, and a report of a large cluster takes seconds. A report still under way when the
   * next firing comes is followed by that one, never run beside it ({@link DriftReports} makes one
   * at a time).
   */
  private static void scheduled(DriftReports reports, ExecutorService work) {
    try {
      work.execute(reports::scheduled);
    } catch (RejectedExecutionException stopping) {
      log.warn("the scheduled drift report is skipped: Shipmate is stopping");
    }
  }

  /** The report's Snooze or Ignore button, for those {@code authorizer} finds may decide. */
  DriftButtons button(Decision.Kind kind, ShipmateConfig config, Authorizer authorizer) {
    return new DriftButtons(kind, ledger, clock, new DriftDeciders(config, authorizer));
  }

  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        log.warn("stopping drift reports: {}", e.toString());
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
