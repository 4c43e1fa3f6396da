package dev.shipmate.bot.wiring;

import dev.shipmate.bot.cutover.CutoverSlice;
import dev.shipmate.bot.deploy.DeploySlice;
import dev.shipmate.bot.drift.DriftSlice;
import dev.shipmate.bot.freeze.FreezeSlice;
import dev.shipmate.bot.preview.PreviewSlice;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.upgrade.UpgradeSlice;
import java.util.List;

/**
 * The pipeline slices this build runs: the one place a pipeline is registered. Adding a pipeline is
 * a package under {@code pipelines/}, a slice under {@code bot/}, and a line here.
 */
public final class Registration {

  private Registration() {}

  /**
   * Fresh slices, for one bot. Their order is the order in which their exception classifiers are
   * asked: the upgrade's before the cutover's, which takes any AWS exception for Route53's.
   */
  public static List<PipelineSlice> slices() {
    return List.of(
        new UpgradeSlice(),
        new DeploySlice(),
        new CutoverSlice(),
        new PreviewSlice(),
        new DriftSlice(),
        new FreezeSlice());
  }
}
