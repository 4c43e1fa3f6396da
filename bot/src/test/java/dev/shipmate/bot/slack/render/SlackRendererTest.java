package dev.shipmate.bot.slack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunCardFixtures;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.StepStatus;
import dev.shipmate.bot.presenter.ThreadNote;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SlackRenderer")
class SlackRendererTest {

  private final SlackRenderer renderer = new SlackRenderer(RunCardFixtures.CLOCK);

  @Test
  @DisplayName(
      "an update that changes the card gives every block a new block_id; the same card keeps its"
          + " ids")
  void freshBlockIdsPerUpdate() {
    RunCard running = RunCardFixtures.deploy().state(RunState.RUNNING).progress("3 of 10").build();
    RunCard later = RunCardFixtures.deploy().state(RunState.RUNNING).progress("7 of 10").build();

    List<String> first = blockIds(renderer.render(running));
    List<String> again = blockIds(renderer.render(running));
    List<String> next = blockIds(renderer.render(later));

    assertThat(first).isEqualTo(again).allMatch(id -> id.matches("run\\.[a-z]+\\.[0-9a-f]{8}"));
    assertThat(next).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
  }

  private static List<String> blockIds(SlackMessage message) {
    return message.blocks().stream().map(LayoutBlock::getBlockId).toList();
  }

  @Test
  @DisplayName(
      "buttons carry a stable action_id, the run id as value, and a confirmation when asked")
  void buttons() {
    // Given a card whose Cancel and Roll back ask for confirmation, and whose Pause does not
    RunCard card =
        RunCardFixtures.deploy()
            .state(RunState.RUNNING)
            .action(RunActionKind.PAUSE)
            .confirmedAction(RunActionKind.CANCEL)
            .confirmedAction(RunActionKind.ROLL_BACK)
            .build();

    // When
    List<ButtonElement> buttons = buttons(renderer.render(card));

    // Then
    assertThat(buttons)
        .extracting(ButtonElement::getActionId)
        .containsExactly("run.pause", "run.cancel", "run.rollback");
    assertThat(buttons).extracting(ButtonElement::getValue).containsOnly("d-4k2p");
    assertThat(buttons)
        .extracting(ButtonElement::getStyle)
        .containsExactly(null, "danger", "danger");
    assertThat(buttons.get(0).getConfirm()).isNull();
    assertThat(buttons.get(2).getConfirm().getConfirm().getText()).isEqualTo("Yes, roll back");
    assertThat(SlackRenderer.actionId(RunActionKind.APPROVE)).isEqualTo("run.approve");
  }

  @Test
  @DisplayName("a paused run's card says who paused it, in its state and its fallback text")
  void pausedCard() {
    SlackMessage message = renderer.render(RunCardFixtures.pausedUpgrade());

    assertThat(message.text()).startsWith("Upgrade dev to 1.31 (u-7p2q): paused");
    assertThat(BlockKitJson.of(message)).contains("paused by").contains("@U01SRE2");
  }

  @Test
  @DisplayName("a card asking for more than 25 buttons shows the first 25")
  void atMostTwentyFiveButtons() {
    // Given
    RunCard.Builder builder = RunCardFixtures.deploy().state(RunState.RUNNING);
    IntStream.range(0, 40).forEach(i -> builder.action(RunActionKind.EXTEND));

    // When
    List<ButtonElement> buttons = buttons(renderer.render(builder.build()));

    // Then
    assertThat(buttons).hasSize(25);
  }

  @Test
  @DisplayName(
      "huge titles, step names and details are cut with an ellipsis, within Slack's limits")
  void longTextIsCutVisibly() {
    // Given
    String huge = "x".repeat(10_000);
    RunCard.Builder builder =
        RunCard.builder("d-1", "deploy", huge, "U1").state(RunState.RUNNING).progress(huge);
    IntStream.range(0, 200).forEach(i -> builder.step(huge, StepStatus.PENDING, huge));

    // When
    SlackMessage message = renderer.render(builder.build());

    // Then every text respects its limit and says it was cut
    assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
    assertThat(message.text()).hasSizeLessThanOrEqualTo(3_000).endsWith("…");
    for (LayoutBlock block : message.blocks()) {
      if (block instanceof SectionBlock section) {
        assertThat(((MarkdownTextObject) section.getText()).getText())
            .hasSizeLessThanOrEqualTo(3_000);
      }
    }
    String steps = sectionText(message, "run.steps");
    assertThat(steps).contains("…").endsWith("_… 187 more steps: 187 pending_");
  }

  @Test
  @DisplayName("a 60-step run shows a window around its current step and counts the steps left out")
  void longRunsAreWindowed() {
    // When
    String steps = sectionText(renderer.render(RunCardFixtures.sixtyStepUpgrade()), "run.steps");

    // Then
    assertThat(steps)
        .startsWith("_… 28 earlier steps: 28 done_")
        .contains("*Replace node ip-10-0-1-31* — draining: 4 of 11 pods evicted")
        .endsWith("_… 17 more steps: 17 pending_");
    assertThat(steps.lines()).hasSize(17);
  }

  @Test
  @DisplayName("text from outside cannot mention or link: <, > and & are escaped")
  void escapesMarkup() {
    // Given
    RunCard card =
        RunCard.builder("d-1", "deploy", "Deploy <!channel> & more", "U1")
            .state(RunState.PENDING)
            .build();

    // When
    String summary = sectionText(renderer.render(card), "run.summary");

    // Then
    assertThat(summary).contains("Deploy &lt;!channel&gt; &amp; more").doesNotContain("<!channel>");
  }

  @Test
  @DisplayName(
      "a running card says how long it has run by the clock; an ended one, how long it took")
  void elapsed() {
    assertThat(contextText(renderer.render(RunCardFixtures.runningDeploy())))
        .endsWith("running for 2m07s");
    assertThat(contextText(renderer.render(RunCardFixtures.rolledBack()))).endsWith("took 1m48s");
  }

  @Test
  @DisplayName("a note longer than a message allows goes as a file, with a short comment")
  void longNoteGoesAsAFile() {
    // Given
    ThreadNote note = ThreadNote.warning("w".repeat(5_000));

    // When
    RenderedNote rendered = renderer.render(note);

    // Then
    assertThat(rendered).isInstanceOf(RenderedNote.AsFile.class);
    RenderedNote.AsFile file = (RenderedNote.AsFile) rendered;
    assertThat(file.content()).isEqualTo("w".repeat(5_000));
    assertThat(file.comment()).hasSizeLessThan(400).endsWith("(the whole text is attached)");
  }

  private static List<ButtonElement> buttons(SlackMessage message) {
    return message.blocks().stream()
        .filter(ActionsBlock.class::isInstance)
        .map(ActionsBlock.class::cast)
        .flatMap(actions -> actions.getElements().stream())
        .map(ButtonElement.class::cast)
        .toList();
  }

  private static String sectionText(SlackMessage message, String blockId) {
    return message.blocks().stream()
        .filter(SectionBlock.class::isInstance)
        .map(SectionBlock.class::cast)
        .filter(section -> section.getBlockId().startsWith(blockId + "."))
        .map(section -> ((MarkdownTextObject) section.getText()).getText())
        .findFirst()
        .orElseThrow();
  }

  private static String contextText(SlackMessage message) {
    LayoutBlock last = message.blocks().get(message.blocks().size() - 1);
    return ((MarkdownTextObject)
            ((com.slack.api.model.block.ContextBlock) last).getElements().get(0))
        .getText();
  }

  @Test
  @DisplayName(
      "text that is not Shipmate's is escaped wherever Slack reads markup: a note's fallback text,"
          + " its section and the code block of its output (kubectl's <none>)")
  void escapesTextThatIsNotOurs() {
    ThreadNote note =
        ThreadNote.warning("selector <app=web> & friends")
            .withOutput("NAME   NOMINATED NODE\nweb-1  <none> & <unknown>");

    SlackMessage message = ((RenderedNote.InMessage) renderer.render(note)).message();

    assertThat(message.text())
        .isEqualTo("selector &lt;app=web&gt; &amp; friends")
        .doesNotContain("<")
        .doesNotContain(">");
    String section =
        ((MarkdownTextObject) ((SectionBlock) message.blocks().get(0)).getText()).getText();
    assertThat(section)
        .contains("selector &lt;app=web&gt; &amp; friends")
        .contains("```NAME   NOMINATED NODE\nweb-1  &lt;none&gt; &amp; &lt;unknown&gt;```")
        .doesNotContain("<none>");
  }
}
