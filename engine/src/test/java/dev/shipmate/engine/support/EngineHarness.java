package dev.shipmate.engine.support;

import dev.shipmate.engine.Engine;
import dev.shipmate.engine.EngineSettings;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.freeze.FreezeCalendar;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.engine.pipeline.PipelineRegistry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.store.Database;
import dev.shipmate.engine.store.RunStore;
import dev.shipmate.engine.testing.EngineTables;
import dev.shipmate.engine.testing.ManualClock;
import dev.shipmate.engine.testing.ManualWakeUps;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * An engine on a real H2 file, driven by hand: a {@link ManualClock} and {@link ManualWakeUps}. The
 * test moves time and fires wake-ups; nothing runs behind its back.
 */
public final class EngineHarness implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  public final ManualClock clock = new ManualClock(T0);
  public final Database database;
  public final RunStore store;
  public final PipelineRegistry pipelines;
  public ManualWakeUps wakeUps;
  public Engine engine;
  public final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final FreezeCalendar calendar;
  private final EngineSettings settings;

  /** An engine on {@code database}, emptied first; the caller owns and closes the database. */
  public EngineHarness(Database database, Pipeline<?>... pipelines) {
    this(database, new FreezeCalendar(List.of()), pipelines);
  }

  /** An engine on {@code database} with the freeze windows of {@code calendar}. */
  public EngineHarness(Database database, FreezeCalendar calendar, Pipeline<?>... pipelines) {
    this(database, calendar, EngineSettings.defaults(), pipelines);
  }

  /** An engine with the freeze windows of {@code calendar} and {@code settings}. */
  public EngineHarness(
      Database database,
      FreezeCalendar calendar,
      EngineSettings settings,
      Pipeline<?>... pipelines) {
    this.calendar = calendar;
    this.settings = settings;
    EngineTables.wipe(database);
    this.database = database;
    this.store = new RunStore(database.dataSource());
    this.pipelines = PipelineRegistry.of(pipelines);
    this.engine = newEngine();
    engine.start();
  }

  /** A second engine on the same database, as after a restart; the old one is simply dropped. */
  public Engine restart() {
    engine.stop();
    engine = newEngine();
    engine.start();
    return engine;
  }

  private Engine newEngine() {
    wakeUps = new ManualWakeUps(clock);
    Engine built =
        Engine.builder(store, pipelines)
            .clock(clock)
            .wakeUps(wakeUps)
            .random(RandomGenerator.of("L64X128MixRandom"))
            .freezeCalendar(calendar)
            .settings(settings)
            .build();
    built.addListener(events::add);
    return built;
  }

  public Run start(StartRequest request) {
    StartResult result = engine.start(request);
    if (result instanceof StartResult.Started started) {
      return started.run();
    }
    throw new AssertionError("expected the run to start, got " + result);
  }

  public Run run(RunId id) {
    return engine.run(id).orElseThrow();
  }

  public List<String> eventTypes(RunId id) {
    return events.stream().filter(e -> e.run().id().equals(id)).map(RunEvent::type).toList();
  }

  @Override
  public void close() {
    engine.close();
  }
}
