package dev.shipmate.bot.commandlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue through the command layer (grammar, dispatcher, slices, a real engine that is not
 * started, so runs stay where they were created; no Slack): what a busy or frozen target answers,
 * what a queued run is told, {@code /queue} and {@code /cancel} of a queued run.
 */
@DisplayName("a queue per target, through the command layer")
class QueueCommandLayerTest {
  static final String SRE_1 = "U01SRE1";
  static final String BACKEND = "U02BE1";
  private static final Pattern RUN_ID = Pattern.compile("\\b([a-z]-[0-9a-z]{4})\\b");

  @TempDir Path folder;
  CommandLayer layer;

  @BeforeEach
  void open() {
    layer = CommandLayer.open(ExampleConfig.load(folder), folder);
  }

  @AfterEach
  void close() {
    layer.close();
  }

  private static RunId runIdIn(String answer) {
    Matcher matcher = RUN_ID.matcher(answer);
    assertThat(matcher.find()).as("a run id in: %s", answer).isTrue();
    return new RunId(matcher.group(1));
  }

  @Test
  @DisplayName(
      "a busy target still refuses a plain start, and says what to type to queue it; with --queue"
          + " the run is queued, told its place and who holds the target")
  void busyTarget() {
    RunId first = runIdIn(layer.type(BACKEND, "/deploy web v1.2 staging"));

    String refused = layer.type(SRE_1, "/deploy web v1.3 staging");
    assertThat(refused)
        .startsWith("Nothing was started: deploy:staging/web is busy: run " + first)
        .endsWith(
            " To wait for your turn instead, type `/deploy web v1.3 staging --queue`: it starts by"
                + " itself when the target is free.");

    String queued = layer.type(SRE_1, "/deploy web v1.3 staging --queue");
    RunId second = runIdIn(queued);
    assertThat(queued)
        .isEqualTo(
            "Queued "
                + second
                + ": deploy web v1.3 to staging — 1st in line for deploy:staging/web; `"
                + first
                + "` (<@"
                + BACKEND
                + ">) holds it now. It starts by itself when its turn comes; its card is being"
                + " posted in <#C0DEPLOYS>. `/cancel "
                + second
                + "` takes it out of the queue.");
    assertThat(layer.engine().run(second).map(Run::status)).contains(RunStatus.QUEUED);

    String third = layer.type(BACKEND, "/rollback web staging --queue");
    assertThat(third).contains("2nd in line for deploy:staging/web, behind " + second);

    assertThat(layer.type(BACKEND, "/queue staging"))
        .startsWith("*deploy:staging/web* — held by `" + first + "` (<@" + BACKEND + ">) since ")
        .contains("\n1. `" + second + "` deploy web v1.3 to staging, <@" + SRE_1 + ">, queued ")
        .contains("\n2. `" + runIdIn(third) + "` roll back web in staging")
        .endsWith("`/cancel <run-id>` takes a run out of its queue.");
    assertThat(layer.type(BACKEND, "/queue")).contains(second.value());
    assertThat(layer.type(BACKEND, "/queue prod")).isEqualTo("No runs are queued on prod.");
  }

  @Test
  @DisplayName("/cancel of a queued run takes it out of the queue, in the ledger too")
  void cancelQueued() {
    layer.type(BACKEND, "/deploy web v1.2 staging");
    RunId queued = runIdIn(layer.type(BACKEND, "/deploy web v1.3 staging --queue"));

    assertThat(layer.type(BACKEND, "/cancel " + queued))
        .isEqualTo("Taking " + queued + " out of the queue of deploy:staging/web.");
    assertThat(layer.engine().audit(queued))
        .extracting(AuditEntry::action)
        .contains(AuditAction.QUEUED, AuditAction.CANCEL_REQUESTED);
  }

  @Test
  @DisplayName(
      "a frozen target's refusal offers --queue beside break-glass; queued, the run waits for the"
          + " freeze to end")
  void frozenTarget() {
    layer.type(SRE_1, "/freeze staging 1h \"release party\"");

    assertThat(layer.type(BACKEND, "/deploy web v1.2 staging"))
        .startsWith("Nothing was started: staging is frozen until ")
        .endsWith(
            " Or type `/deploy web v1.2 staging --queue` to queue it: it starts by itself when"
                + " the freeze ends.");

    String queued = layer.type(BACKEND, "/deploy web v1.2 staging --queue");
    assertThat(queued)
        .startsWith("Queued ")
        .contains("1st in line for deploy:staging/web; it waits for staging is frozen until ")
        .contains(": release party.");
    assertThat(
            layer.engine().lockHolder(dev.shipmate.engine.run.LockKey.of("deploy", "staging/web")))
        .isEmpty();
  }
}
