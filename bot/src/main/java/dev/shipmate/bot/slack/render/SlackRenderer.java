package dev.shipmate.bot.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.shipmate.bot.presenter.ActionIds;
import dev.shipmate.bot.presenter.Audience;
import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.bot.presenter.RunAction;
import dev.shipmate.bot.presenter.RunActionKind;
import dev.shipmate.bot.presenter.RunCard;
import dev.shipmate.bot.presenter.RunState;
import dev.shipmate.bot.presenter.ThreadNote;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a run card and thread notes into Slack messages (Block Kit plus fallback text), within
 * Slack's limits: what does not fit is cut visibly, never refused.
 */
public final class SlackRenderer {

  /**
   * The prefix of every run button's {@code action_id}: {@code run.approve}, {@code run.cancel}.
   */
  public static final String ACTION_PREFIX = ActionIds.PREFIX;

  /**
   * The {@code block_id} of a thread note's buttons, and the start of the card's ({@code
   * run.actions.<revision>}).
   */
  public static final String ACTIONS_BLOCK_ID = "run.actions";

  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final StepListRenderer steps = new StepListRenderer();

  /**
   * @param clock the time a running card's elapsed time is measured to
   */
  public SlackRenderer(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The {@code action_id} of a run button: {@code run.approve}, {@code run.rollback}, … */
  public static String actionId(RunActionKind kind) {
    return ActionIds.of(kind);
  }

  /** Every answer button's {@code action_id}, for the one listener that handles them all. */
  public static final Pattern CHOICE_ACTIONS =
      Pattern.compile("^" + Pattern.quote(ActionIds.CHOICE_PREFIX) + ".+$");

  /** The {@code action_id} of a button: its kind's, or for an answer {@code run.choose.<id>}. */
  public static String actionId(RunAction action) {
    return ActionIds.of(action);
  }

  /** {@code run.choose.skip} → {@code skip}; empty for any other button. */
  public static Optional<String> choiceOf(String actionId) {
    return ActionIds.choiceOf(actionId);
  }

  /**
   * The card as a message. Its {@code block_id}s carry a revision of what the card shows ({@code
   * run.summary.3fa9c2d1}): Slack keeps what a block's elements hold (a chosen option, typed text)
   * by {@code block_id} across {@code chat.update}s, so an update that changes the card gives its
   * blocks new ids rather than inherit the state of the blocks they replace.
   */
  public SlackMessage render(RunCard card) {
    String revision = revision(card);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.blockId(blockId("run.summary", revision))
                    .text(markdownText(sectionText(summary(card))))));
    if (!card.steps().isEmpty()) {
      blocks.add(
          section(
              s ->
                  s.blockId(blockId("run.steps", revision))
                      .text(markdownText(steps.render(card.steps())))));
    }
    if (!card.progress().isBlank() && !card.state().terminal()) {
      String progress = "_" + Mrkdwn.escape(card.progress().strip()) + "_";
      blocks.add(
          context(
              c ->
                  c.blockId(blockId("run.progress", revision))
                      .elements(List.of(contextText(progress)))));
    }
    if (card.approvals().needed()) {
      blocks.add(
          section(
              s ->
                  s.blockId(blockId("run.approvals", revision))
                      .text(markdownText(approvals(card)))));
    }
    card.cancelledBy()
        .ifPresent(
            who ->
                blocks.add(
                    section(
                        s ->
                            s.blockId(blockId("run.cancelled", revision))
                                .text(markdownText("Cancelled by " + Mrkdwn.user(who) + ".")))));
    if (card.question().isPresent() && !card.state().terminal()) {
      String asks = ":raising_hand: " + Mrkdwn.escape(card.question().get());
      blocks.add(
          section(
              s ->
                  s.blockId(blockId("run.question", revision))
                      .text(markdownText(sectionText(asks)))));
    }
    if (!card.actions().isEmpty()) {
      blocks.add(
          actions(a -> a.blockId(blockId(ACTIONS_BLOCK_ID, revision)).elements(buttons(card))));
    }
    blocks.add(
        context(
            c ->
                c.blockId(blockId("run.time", revision))
                    .elements(List.of(contextText(timing(card))))));
    return new SlackMessage(fallback(card), withinBlockLimit(blocks));
  }

  /** {@code base} with the card's revision: {@code run.summary.3fa9c2d1}. */
  private static String blockId(String base, String revision) {
    return base + "." + revision;
  }

  /**
   * Eight hex digits that change whenever what the card shows changes (its state, steps, progress,
   * approvals, buttons, times), and only then: the same card renders the same ids, as the golden
   * files need.
   */
  private String revision(RunCard card) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((card.toString() + "\n" + timing(card)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A note as a message, or as a file when it (with its output) is too long for one. */
  public RenderedNote render(ThreadNote note) {
    // Mentions lead, in the fallback text too: it is what a notification shows.
    String mentions = mentions(note.audience());
    String fallback =
        BlockKitLimits.cut(mentions + Mrkdwn.escape(note.text()), BlockKitLimits.FALLBACK_TEXT);
    boolean broadcast = note.audience().broadcast();
    String text = mentions + emoji(note.kind()) + " " + Mrkdwn.escape(note.text());
    // Output is not ours (kubectl prints <none>): Slack reads &, < and > as markup even in a code
    // block, so they are escaped there too.
    String output =
        note.output().map(o -> "\n```" + Mrkdwn.escape(o.replace("```", "'''")) + "```").orElse("");
    if (!note.actions().isEmpty()) {
      // A question stays a message, whatever its length: its buttons must come with it.
      String body = BlockKitLimits.cut(text, BlockKitLimits.SECTION_TEXT);
      List<BlockElement> buttons = new ArrayList<>();
      for (RunAction action : note.actions()) {
        if (buttons.size() < BlockKitLimits.ELEMENTS_PER_ACTIONS_BLOCK) {
          buttons.add(runButton(note.runId(), note.text(), action));
        }
      }
      return new RenderedNote.InMessage(
          new SlackMessage(
              fallback,
              List.of(
                  section(s -> s.text(markdownText(body))),
                  actions(a -> a.blockId(ACTIONS_BLOCK_ID).elements(buttons)))),
          broadcast);
    }
    if (text.length() + output.length() <= BlockKitLimits.SECTION_TEXT) {
      String body = text + output;
      return new RenderedNote.InMessage(
          new SlackMessage(fallback, List.of(section(s -> s.text(markdownText(body))))), broadcast);
    }
    String content = note.output().map(o -> note.text() + "\n\n" + o).orElse(note.text());
    String comment =
        note.output().isPresent()
            ? BlockKitLimits.cut(text, BlockKitLimits.SECTION_TEXT - 40) + " (output attached)"
            : BlockKitLimits.cut(text, 300) + " (the whole text is attached)";
    return new RenderedNote.AsFile(comment, fileName(note), content);
  }

  /**
   * A note that was to be a file, as a message, when Slack refused the file (file uploads switched
   * off in the workspace, a channel the bot cannot join): its text and as much of the end of its
   * output as fits, saying that the rest was cut and why, rather than nothing.
   *
   * @param why Slack's refusal of the file
   */
  public RenderedNote.InMessage shortened(ThreadNote note, String why) {
    String mentions = mentions(note.audience());
    String fallback =
        BlockKitLimits.cut(mentions + Mrkdwn.escape(note.text()), BlockKitLimits.FALLBACK_TEXT);
    String text =
        BlockKitLimits.cut(
            mentions + emoji(note.kind()) + " " + Mrkdwn.escape(note.text()),
            BlockKitLimits.SECTION_TEXT / 2);
    String reason =
        "\n_The whole "
            + (note.output().isPresent() ? "output" : "text")
            + " could not be attached ("
            + Mrkdwn.escape(why)
            + ")"
            + (note.output().isPresent() ? "; its last lines:_" : "._");
    String body = text + reason;
    if (note.output().isPresent()) {
      String output = Mrkdwn.escape(note.output().get().replace("```", "'''"));
      body += "\n```" + tail(output, BlockKitLimits.SECTION_TEXT - body.length() - 8) + "```";
    }
    String shown = body;
    return new RenderedNote.InMessage(
        new SlackMessage(fallback, List.of(section(s -> s.text(markdownText(shown))))),
        note.audience().broadcast());
  }

  /** The end of {@code text} within {@code room} characters, from the start of a line. */
  private static String tail(String text, int room) {
    if (text.length() <= room) {
      return text;
    }
    int from = text.length() - room + 1;
    // From a line's start: never half a line, nor half of an escaped &lt;.
    int line = text.indexOf('\n', from);
    return "…" + (line < 0 ? text.substring(from) : text.substring(line));
  }

  private String summary(RunCard card) {
    boolean active = !card.state().terminal();
    String state;
    String emoji;
    if (card.question().isPresent() && active) {
      state = "paused, needs an answer";
      emoji = ":raising_hand:";
    } else if (card.heldBy().isPresent() && active) {
      state = "paused by " + Mrkdwn.escape(card.heldBy().get());
      emoji = ":snowflake:";
    } else if (card.pausedBy().isPresent() && active) {
      state = "paused by " + Mrkdwn.user(card.pausedBy().get());
      emoji = ":double_vertical_bar:";
    } else {
      state = card.state().words();
      emoji = emoji(card.state());
    }
    return emoji
        + " *"
        + Mrkdwn.escape(card.title())
        + "*\n"
        + Mrkdwn.code(card.runId())
        + " · "
        + Mrkdwn.escape(card.kind())
        + " · requested by "
        + Mrkdwn.user(card.requester())
        + " · *"
        + state
        + "*";
  }

  private static String approvals(RunCard card) {
    int required = card.approvals().required();
    int given = card.approvals().given();
    String text = "*Approvals:* " + given + " of " + required;
    if (given > 0) {
      text +=
          " — approved by "
              + String.join(
                  ", ", card.approvals().approvedBy().stream().map(Mrkdwn::user).toList());
    }
    if (given < required && card.state() == RunState.AWAITING_APPROVAL) {
      int missing = required - given;
      text += "\nWaiting for " + missing + (missing == 1 ? " more approval." : " more approvals.");
    }
    return sectionText(text);
  }

  private static List<BlockElement> buttons(RunCard card) {
    List<BlockElement> buttons = new ArrayList<>();
    for (RunAction action : card.actions()) {
      if (buttons.size() == BlockKitLimits.ELEMENTS_PER_ACTIONS_BLOCK) {
        break;
      }
      buttons.add(runButton(card, action));
    }
    return buttons;
  }

  private static BlockElement runButton(RunCard card, RunAction action) {
    return runButton(card.runId(), card.title(), action);
  }

  private static BlockElement runButton(String runId, String about, RunAction action) {
    String style =
        action.choice().map(c -> c.destructive() ? "danger" : null).orElse(style(action.kind()));
    return button(
        b -> {
          b.actionId(actionId(action))
              .value(runId)
              .text(plainText(BlockKitLimits.cut(action.label(), BlockKitLimits.BUTTON_TEXT)))
              .style(style);
          if (action.confirm()) {
            b.confirm(confirmation(runId, about, action, style));
          }
          return b;
        });
  }

  private static ConfirmationDialogObject confirmation(
      String runId, String about, RunAction action, String style) {
    String title = action.label() + " " + runId + "?";
    String question =
        action.choice().isPresent()
            ? action.label() + " overrides a safeguard of " + runId + " and cannot be undone."
            : about + ". This changes production.";
    String yes = "Yes, " + action.label().toLowerCase(java.util.Locale.ROOT);
    return ConfirmationDialogObject.builder()
        .title(plainText(BlockKitLimits.cut(title, BlockKitLimits.CONFIRM_TITLE)))
        .text(plainText(BlockKitLimits.cut(question, BlockKitLimits.CONFIRM_TEXT)))
        .confirm(plainText(BlockKitLimits.cut(yes, BlockKitLimits.CONFIRM_BUTTON)))
        .deny(plainText("No"))
        .style(style)
        .build();
  }

  private static String style(RunActionKind kind) {
    return switch (kind.tone()) {
      case PROCEED -> "primary";
      case STOP -> "danger";
      case NEUTRAL -> null;
    };
  }

  private String timing(RunCard card) {
    String started = "Started " + slackDate(card.startedAt());
    String elapsed = DurationWords.of(card.elapsed(clock));
    String so =
        card.state().terminal()
            ? " · took "
            : card.state() == RunState.RUNNING ? " · running for " : " · waiting for ";
    return started + so + elapsed;
  }

  /** A time each reader sees in their own time zone, with UTC for clients that cannot. */
  private static String slackDate(Instant at) {
    return "<!date^"
        + at.getEpochSecond()
        + "^{date_short_pretty} at {time}|"
        + FALLBACK_TIME.format(at)
        + ">";
  }

  private static String fallback(RunCard card) {
    boolean paused =
        (card.pausedBy().isPresent() || card.question().isPresent() || card.heldBy().isPresent())
            && !card.state().terminal();
    String state = paused ? "paused" : card.state().words();
    // The fallback text is read as markup too: the title and progress carry names that are not
    // ours.
    String text = Mrkdwn.escape(card.title()) + " (" + card.runId() + "): " + state;
    if (!card.progress().isBlank() && !card.state().terminal()) {
      text += " — " + Mrkdwn.escape(card.progress().strip());
    }
    return BlockKitLimits.cut(text, BlockKitLimits.FALLBACK_TEXT);
  }

  private static List<LayoutBlock> withinBlockLimit(List<LayoutBlock> blocks) {
    if (blocks.size() <= BlockKitLimits.BLOCKS_PER_MESSAGE) {
      return blocks;
    }
    int kept = BlockKitLimits.BLOCKS_PER_MESSAGE - 1;
    int left = blocks.size() - kept;
    List<LayoutBlock> fitted = new ArrayList<>(blocks.subList(0, kept));
    fitted.add(context(c -> c.elements(List.of(contextText("_… " + left + " more blocks_")))));
    return fitted;
  }

  private static String sectionText(String text) {
    return BlockKitLimits.cut(text, BlockKitLimits.SECTION_TEXT);
  }

  private static MarkdownTextObject contextText(String text) {
    return markdownText(BlockKitLimits.cut(text, BlockKitLimits.CONTEXT_TEXT));
  }

  private static String fileName(ThreadNote note) {
    return switch (note.kind()) {
      case FAILURE_CAUSE -> "failure.txt";
      case OUTCOME -> "outcome.txt";
      case WARNING -> "warning.txt";
      case STEP_FINISHED -> "step-output.txt";
      case QUESTION -> "question.txt";
      case APPROVAL_REQUEST -> "approval-request.txt";
      case QUEUE_TURN -> "queue.txt";
    };
  }

  /** {@code <!subteam^S0SRE> <@U01SRE1> }: who the note calls on, each notified by Slack. */
  private static String mentions(Audience audience) {
    StringBuilder mentions = new StringBuilder();
    audience
        .userGroups()
        .forEach(group -> mentions.append("<!subteam^").append(group).append("> "));
    audience.users().forEach(user -> mentions.append(Mrkdwn.user(user)).append(' '));
    return mentions.toString();
  }

  private static String emoji(RunState state) {
    return switch (state) {
      case QUEUED -> ":busstop:";
      case PENDING -> ":hourglass_flowing_sand:";
      case AWAITING_APPROVAL -> ":raised_hand:";
      case RUNNING -> ":arrows_counterclockwise:";
      case SUCCEEDED -> ":white_check_mark:";
      case FAILED -> ":x:";
      case ROLLED_BACK -> ":leftwards_arrow_with_hook:";
      case CANCELLED -> ":no_entry_sign:";
    };
  }

  private static String emoji(ThreadNote.Kind kind) {
    return switch (kind) {
      case STEP_FINISHED -> ":small_blue_diamond:";
      case WARNING -> ":warning:";
      case FAILURE_CAUSE -> ":rotating_light:";
      case OUTCOME -> ":checkered_flag:";
      case QUESTION -> ":raising_hand:";
      case APPROVAL_REQUEST -> ":raised_hand:";
      case QUEUE_TURN -> ":busstop:";
    };
  }
}
