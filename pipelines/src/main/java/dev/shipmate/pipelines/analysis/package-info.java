/**
 * Metric analysis: a check of a change by its metrics ({@code analysis:} in the configuration),
 * measured over Prometheus' HTTP API and judged against its threshold, its failures counted against
 * its limit. The steps that bake a change (a deploy's {@code verify}) run it on the engine's clock.
 */
package dev.shipmate.pipelines.analysis;
