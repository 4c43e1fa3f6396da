package dev.shipmate.bot.cutover;

import dev.shipmate.bot.auth.Guard;
import dev.shipmate.bot.auth.Role;
import dev.shipmate.bot.slice.PipelineClients;
import dev.shipmate.bot.slice.PipelineSlice;
import dev.shipmate.bot.slice.RunKind;
import dev.shipmate.bot.slice.SliceContext;
import dev.shipmate.bot.slice.SliceFront;
import dev.shipmate.bot.slice.StopAction;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Cutover;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.pipeline.ExceptionClassifier;
import dev.shipmate.engine.pipeline.Pipeline;
import dev.shipmate.pipelines.analysis.CheckMeasurer;
import dev.shipmate.pipelines.analysis.PrometheusClient;
import dev.shipmate.pipelines.cutover.AwsRoute53Gateway;
import dev.shipmate.pipelines.cutover.CutoverParams;
import dev.shipmate.pipelines.cutover.CutoverPipeline;
import dev.shipmate.pipelines.cutover.ProbeClient;
import dev.shipmate.pipelines.cutover.Route53ExceptionClassifier;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * {@code /cutover}: weighted Route53 shifts from blue to green. A cutover's {@code operators} start
 * them, its approvers approve; a running shift is stopped with Abort (its undo puts the weights
 * back).
 */
public final class CutoverSlice implements PipelineSlice {

  @Override
  public String name() {
    return "cutover";
  }

  @Override
  public List<Pipeline<?>> pipelines(PipelineClients clients) {
    OkHttpClient http = new OkHttpClient();
    clients.closeLater(
        () -> {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        });
    return List.of(
        new CutoverPipeline(
            clients.config(),
            new AwsRoute53Gateway(clients.route53()),
            new ProbeClient(http, clients.clock(), ProbeClient.DEFAULT_TIMEOUT),
            clients.clock(),
            new CheckMeasurer(
                new PrometheusClient(http, PrometheusClient.DEFAULT_TIMEOUT),
                clients.aws().cloudWatch())));
  }

  @Override
  public List<ExceptionClassifier> classifiers() {
    // Takes any AWS exception for Route53's: the upgrade slice's classifier is asked first.
    return List.of(new Route53ExceptionClassifier());
  }

  @Override
  public List<RunKind<?>> runKinds(ShipmateConfig config) {
    return List.of(
        RunKind.of(CutoverPipeline.TYPE, CutoverParams.class)
            .guardedBy(
                params ->
                    Optional.ofNullable(config.cutovers().get(params.cutover()))
                        .map(CutoverSlice::guard))
            .stoppedBy(StopAction.ABORT)
            .listedUnder(
                config.cutovers().keySet().stream().map(CutoverPipeline::lockKey).toList()));
  }

  /** A cutover's rules: its {@code operators} shift, its approvers approve. */
  static Guard guard(Cutover cutover) {
    return new Guard(cutover.name(), cutover.policy(), Role.OPERATORS);
  }

  @Override
  public void open(SliceContext context, SliceFront front) {
    CutoverCommands commands =
        new CutoverCommands(
            context.config(),
            context.engine(),
            context.pipeline(CutoverPipeline.class),
            context.controls());
    front
        .commands()
        .on(Command.CutoverShift.class, commands::shift)
        .on(Command.CutoverStatus.class, commands::status)
        .on(Command.CutoverAbort.class, commands::abort);
  }
}
