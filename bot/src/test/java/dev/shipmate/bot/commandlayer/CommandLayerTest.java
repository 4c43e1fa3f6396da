package dev.shipmate.bot.commandlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.bot.testing.FrontConfig;
import dev.shipmate.bot.wiring.Registration;
import dev.shipmate.commands.Command;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunId;
import dev.shipmate.engine.run.RunStatus;
import dev.shipmate.engine.testing.Await;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of answer of the command layer, on the example configuration, without Jetty or Slack:
 * what starts a run, who may, the refusals and what they say to type instead, the answers that
 * follow later, the audit line of each.
 */
class CommandLayerTest {

  static final String SRE_1 = "U01SRE1";
  static final String SRE_2 = "U01SRE2";
  static final String BACKEND = "U02BE1";
  static final String STRANGER = "U09NOBODY";
  static final Pattern RUN_ID = Pattern.compile("Started ([a-z]-[a-z0-9]{4}):");

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

  @Test
  @DisplayName(
      "reads are limited per person: the 31st in a minute is refused with when to try again, a"
          + " deploy still starts, another person still reads, and a minute later it is answered")
  void readsAreLimitedPerPerson() {
    for (int i = 0; i < 30; i++) {
      assertThat(layer.type(BACKEND, "/runs")).doesNotContain("Try again");
      layer.clock.advance(java.time.Duration.ofMillis(100));
    }
    String refused = layer.type(BACKEND, "/deploy history web staging");
    assertThat(refused)
        .contains("at most 30 questions")
        .contains("nothing was read")
        .contains("Try again in 57 s");
    assertThat(layer.type(BACKEND, "/deploy web v1.2 staging")).startsWith("Started");
    assertThat(layer.type(SRE_1, "/runs")).doesNotContain("Try again");

    layer.clock.advance(java.time.Duration.ofSeconds(57));
    assertThat(layer.type(BACKEND, "/runs")).doesNotContain("Try again");
  }

  @Test
  @DisplayName(
      "the registered slices answer every command of the grammar, with or without previews and"
          + " drift configured")
  void everyCommandHasAHandler(@TempDir Path other) throws Exception {
    // The example configures every pipeline (opened in open()); FrontConfig has no previews,
    // cutovers or drift: the dispatcher refuses to start with a command left unanswered, and the
    // grammar says what is not set up.
    try (CommandLayer bare = CommandLayer.open(FrontConfig.write(other), other)) {
      assertThat(bare.type(BACKEND, "/env list")).containsIgnoringCase("not set up");
      assertThat(bare.type(BACKEND, "/drift")).containsIgnoringCase("not set up");
    }
  }

  @Test
  @DisplayName("a deploy anyone of the environment's deployers may start is started and audited")
  void deployStarts() {
    String answer = layer.type(BACKEND, "/deploy web v1.2 staging");

    assertThat(answer)
        .matches(
            "Started d-[a-z0-9]{4}: deploy web v1.2 to staging — its card is being posted in <#C0DEPLOYS>\\.");
    RunId id = runIdIn(answer);
    assertThat(layer.engine().run(id).map(Run::status)).contains(RunStatus.PENDING);
    assertThat(layer.engine().audit(id))
        .filteredOn(line -> line.action() == AuditAction.COMMAND)
        .extracting(AuditEntry::actor, AuditEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                BACKEND, "/deploy web v1.2 staging: started " + id));
  }

  @Test
  @DisplayName(
      "prod names the rule that refuses, waits for an approval, and a busy target names its holder")
  void deployRules() {
    assertThat(layer.type(BACKEND, "/deploy web v1.2 prod"))
        .isEqualTo(
            "Nothing was started. prod: only group:sre may deploy (deployers); you are not in it.");

    assertThat(layer.type(SRE_1, "/deploy web v1.2 prod"))
        .isEqualTo(
            "Confirm: deploy web v1.2 to prod? It waits for 1 approval from group:sre (someone"
                + " other than you) before it begins. deploy:prod/web is free: nothing else holds"
                + " it.");
    assertThat(layer.engine().active()).as("nothing starts before the confirmation").isEmpty();

    String started = layer.confirm(SRE_1, "/deploy web v1.2 prod");
    assertThat(started)
        .endsWith(
            "its card is being posted in <#C0PROD>. It waits for 1 approval from someone else before it"
                + " begins.");
    assertThat(layer.engine().run(runIdIn(started)).map(Run::status))
        .contains(RunStatus.AWAITING_APPROVAL);

    assertThat(layer.type(SRE_2, "/deploy web v1.3 prod"))
        .contains("deploy:prod/web is busy: run " + runIdIn(started) + ", started by <@");
    assertThat(layer.confirm(SRE_2, "/deploy web v1.3 prod"))
        .startsWith("Nothing was started: deploy:prod/web is busy: run " + runIdIn(started))
        .contains("/cancel " + runIdIn(started) + ".")
        .endsWith(
            " To wait for your turn instead, type `/deploy web v1.3 prod --queue`: it starts by"
                + " itself when the target is free.");
  }

  @Test
  @DisplayName("a confirmation is confirmed only by who typed the command")
  void confirmationIsTheTypists() {
    assertThat(layer.confirm(SRE_1, "/deploy web v1.2 prod", SRE_2))
        .isEqualTo(
            "Nothing was started: only the person who typed a command can confirm it, and"
                + " <@U01SRE1> typed /deploy web v1.2 prod.");
    assertThat(layer.engine().active()).isEmpty();
  }

  @Test
  @DisplayName("a second delivery of one command starts nothing more")
  void duplicate() {
    String first = layer.type(BACKEND, "/deploy web v1.2 staging", "same-trigger");
    String again = layer.type(BACKEND, "/deploy web v1.2 staging", "same-trigger");

    assertThat(first).startsWith("Started ");
    assertThat(again).startsWith("Shipmate already received this command");
    assertThat(layer.engine().active()).hasSize(1);
  }

  @Test
  @DisplayName("text the grammar does not understand is answered with what to type instead")
  void notUnderstood() {
    assertThat(layer.type(BACKEND, "/deploy wbe v1.2 staging")).contains("web").contains("/deploy");
    assertThat(layer.engine().active()).isEmpty();
  }

  @Test
  @DisplayName(
      "a cutover's approval refused to a stranger names its operators, not an environment's"
          + " deployers")
  void cutoverRoleWord() {
    String started = layer.type(SRE_1, "/cutover www 25%");
    assertThat(started).startsWith("Started c-");

    layer.click(STRANGER, ActionIds.of(RunActionKind.APPROVE), runIdIn(started).value(), "1.1");

    assertThat(layer.toldTo(STRANGER))
        .containsExactly("www: only group:sre may approve (operators); you are not in it.");
  }

  @Test
  @DisplayName("an upgrade by someone who is not an operator is refused with the rule")
  void upgradeRefused() {
    assertThat(layer.type(BACKEND, "/upgrade prod-eu 1.32"))
        .isEqualTo(
            "Nothing was started. prod-eu: only group:sre may upgrade (operators); you are not in"
                + " it.");
    assertThat(layer.type(SRE_1, "/upgrade prod-eu pause"))
        .isEqualTo(
            "No upgrade of prod-eu is running, so there is nothing to pause. /upgrade prod-eu"
                + " status shows where it stands.");
  }

  @Test
  @DisplayName(
      "a dry run is acknowledged at once; its answer follows privately, and a cluster out of"
          + " reach is said in words")
  void dryRunFollowsLater() {
    String ack = layer.type(SRE_1, "/deploy web v1.2 prod --dry-run");

    assertThat(ack).startsWith("Planning a deploy of web v1.2 to prod (dry run");
    Await.until("the plan or its failure", () -> !layer.toldTo(SRE_1).isEmpty());
    assertThat(layer.toldTo(SRE_1).get(0))
        .startsWith("Could not plan web in prod: ")
        .endsWith("Nothing was changed; try again in a minute.");
    assertThat(layer.engine().active()).isEmpty();
  }

  @Test
  @DisplayName("/runs lists what runs; /cancel refuses a stranger and a malformed id")
  void runsAndCancel() {
    RunId id = runIdIn(layer.type(BACKEND, "/deploy web v1.2 staging"));

    assertThat(layer.type(STRANGER, "/runs"))
        .startsWith("1 run is active:")
        .contains("`" + id + "` deploy web v1.2 to staging · deploy:staging/web");
    assertThat(layer.type(STRANGER, "/cancel " + id)).startsWith("only the requester of " + id);
    assertThat(layer.type(STRANGER, "/cancel 42")).startsWith("'42' is not a run id");
    assertThat(layer.type(BACKEND, "/cancel " + id)).startsWith("Cancelling " + id);
  }

  @ParameterizedTest(name = "{1} by {0}")
  @MethodSource("answers")
  @DisplayName("each command's answer in the ack: refusals name the rule and what to type instead")
  void answeredInTheAck(String user, String typed, String answer) {
    assertThat(layer.type(user, typed)).startsWith(answer);
    assertThat(layer.engine().active()).isEmpty();
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        arguments(
            BACKEND,
            "/rollback web prod",
            "Nothing was started. prod: only group:sre may roll back (deployers); you are not in"
                + " it."),
        arguments(
            BACKEND,
            "/cutover www 25%",
            "Nothing was started. www: only group:sre may shift traffic of (operators); you are"
                + " not in it."),
        arguments(
            SRE_1,
            "/cutover www abort",
            "No cutover of www is running, so there is nothing to abort. To send the traffic back"
                + " to blue, type `/cutover www 0%`."),
        arguments(
            SRE_1,
            "/upgrade prod-eu resume",
            "No upgrade of prod-eu is running, so there is nothing to resume."),
        arguments(
            STRANGER,
            "/deploy history web prod",
            "No deploys or rollbacks of web in prod yet. Start one with /deploy web VERSION prod."),
        arguments(STRANGER, "/shipmate help", "*Shipmate commands*"),
        arguments(
            STRANGER,
            "/drift prod-eu",
            "Comparing cluster prod-eu with git: the report follows in a thread of this channel."),
        arguments(STRANGER, "/runs", "Nothing is running."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("later")
  @DisplayName(
      "what reads the world is acknowledged at once and answered privately later, in words when"
          + " the world cannot be read")
  void answeredLater(String typed, String ack, String answer) {
    assertThat(layer.type(SRE_1, typed)).startsWith(ack);
    Await.until("the answer to " + typed, () -> !layer.toldTo(SRE_1).isEmpty());
    assertThat(layer.toldTo(SRE_1).get(0)).startsWith(answer);
    assertThat(layer.engine().active()).isEmpty();
  }

  static Stream<Arguments> later() {
    return Stream.of(
        arguments(
            "/cutover www status",
            "Reading www from Route53 and probing green; the answer follows.",
            "Could not read the cutover www from Route53: "),
        arguments(
            "/upgrade prod-eu status",
            "Reading prod-eu; its status follows here in a moment.",
            "Could not read the cluster prod-eu: "),
        arguments(
            "/upgrade prod-eu 1.32 --dry-run",
            "Checking prod-eu for an upgrade to 1.32 (a dry run: nothing will change)",
            "Could not check prod-eu for an upgrade to 1.32: "));
  }

  private static RunId runIdIn(String answer) {
    Matcher matcher = RUN_ID.matcher(answer);
    assertThat(matcher.find()).as("a run id in: %s", answer).isTrue();
    return new RunId(matcher.group(1));
  }

  @Test
  @DisplayName(
      "a handler that throws is answered with a reference to the log line, for a command and for"
          + " a click, and the command's audit line says it failed")
  void handlerFailures(@TempDir Path other) {
    PipelineSlice broken =
        new PipelineSlice() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public void open(SliceContext context, SliceFront front) {
            front
                .commands()
                .on(
                    Command.Drift.class,
                    (asked, origin) -> {
                      throw new IllegalStateException("a handler's bug");
                    });
            front
                .buttons()
                .on(
                    "broken.button",
                    "Broken",
                    click -> {
                      throw new IllegalStateException("a button handler's bug");
                    });
          }
        };
    List<PipelineSlice> slices =
        Stream.concat(
                Registration.slices().stream().filter(slice -> !slice.name().equals("drift")),
                Stream.of(broken))
            .toList();
    try (CommandLayer brokenLayer = CommandLayer.open(ExampleConfig.load(other), other, slices)) {
      String answer = brokenLayer.type(SRE_1, "/drift");

      assertThat(answer)
          .matches(
              "Shipmate could not answer /drift \\(ref [a-z][2-9][a-z][2-9]\\); nothing was"
                  + " changed\\..*");

      brokenLayer.click(SRE_1, "broken.button", "x", "1700000000.000100");
      assertThat(brokenLayer.toldTo(SRE_1))
          .anySatisfy(
              told ->
                  assertThat(told)
                      .startsWith("Shipmate could not do that (ref ")
                      .contains("nothing was changed"));
    }
  }
}
