/**
 * The layer under {@code /cutover}: shifting weighted Route53 traffic from a blue record to a green
 * one. {@link dev.shipmate.pipelines.cutover.Route53Gateway} reads and writes the weighted pair (on
 * the AWS SDK in {@link dev.shipmate.pipelines.cutover.AwsRoute53Gateway}); the rest is pure
 * judgement: which weights ({@link dev.shipmate.pipelines.cutover.Weights}), which steps and when
 * ({@link dev.shipmate.pipelines.cutover.CutoverPlan}), whether green is healthy ({@link
 * dev.shipmate.pipelines.cutover.HealthGate} over samples taken by {@link
 * dev.shipmate.pipelines.cutover.ProbeClient}), what to tell a user ({@link
 * dev.shipmate.pipelines.cutover.CutoverStatusReport}, {@link
 * dev.shipmate.pipelines.cutover.Route53ExceptionClassifier}).
 *
 * <p>{@link dev.shipmate.pipelines.cutover.CutoverPipeline} runs them as engine steps: {@code plan}
 * → {@code apply-weights} (undone by {@code restore-weights}) → {@code bake}. Nothing here waits or
 * retries by itself beyond the SDK's own short retries: the steps poll GetChange and the health
 * gate by asking the engine to call them again.
 */
package dev.shipmate.pipelines.cutover;
