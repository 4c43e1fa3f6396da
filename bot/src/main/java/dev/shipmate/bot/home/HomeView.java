package dev.shipmate.bot.home;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.shipmate.bot.dispatch.FreezeWords;
import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.run.Run;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Shipmate's App Home tab: what is running now, and the viewer's own recent runs. */
public final class HomeView {

  /** Slack takes 100 blocks in a Home tab; two headers and a divider leave room for these. */
  static final int MAX_RUNS_PER_LIST = 40;

  /** With a header and a divider, these fit beside the two lists of runs. */
  static final int MAX_FREEZES = 10;

  private final Clock clock;

  public HomeView(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public View render(List<Run> active, List<Run> mine) {
    return render(active, mine, List.of());
  }

  /** The tab, with the freezes in force above the runs when there are any. */
  public View render(List<Run> active, List<Run> mine, List<ActiveFreeze> freezes) {
    List<LayoutBlock> blocks = new ArrayList<>();
    if (!freezes.isEmpty()) {
      blocks.add(header(h -> h.text(plainText("Freezes in force"))));
      freezes.stream()
          .limit(MAX_FREEZES)
          .forEach(f -> blocks.add(section(s -> s.text(markdownText(FreezeWords.line(f))))));
      blocks.add(divider());
    }
    blocks.add(header(h -> h.text(plainText("Running now"))));
    list(blocks, active, "Nothing is running. Start a run with /deploy, or see /shipmate help.");
    blocks.add(divider());
    blocks.add(header(h -> h.text(plainText("Your recent runs"))));
    list(blocks, mine, "You have not started a run yet.");
    return View.builder().type("home").blocks(blocks).build();
  }

  private void list(List<LayoutBlock> blocks, List<Run> runs, String whenEmpty) {
    if (runs.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText("_" + whenEmpty + "_"))));
      return;
    }
    runs.stream()
        .limit(MAX_RUNS_PER_LIST)
        .forEach(run -> blocks.add(section(s -> s.text(markdownText(line(run))))));
  }

  private String line(Run run) {
    Duration age =
        Duration.between(run.createdAt(), run.state().finishedAt().orElseGet(clock::instant));
    return "`"
        + run.id()
        + "` "
        + run.summary()
        + " · *"
        + (run.isRollingBack() ? "rolling back" : run.status().words())
        + "* · <@"
        + run.requester()
        + "> · "
        + (run.isActive() ? "for " : "took ")
        + DurationWords.of(age);
  }
}
