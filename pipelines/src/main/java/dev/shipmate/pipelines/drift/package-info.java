/**
 * Drift reports: the desired state read from git ({@link GitManifestSource}, {@link
 * ManifestReader}), the live state listed once per kind and namespace ({@link LiveObjects}), and
 * the comparison of the two ({@link ObjectComparer}, {@link ClusterComparer}, {@link
 * WeightComparer}) into a {@link DriftReport}. No Slack here: the bot renders the report.
 */
package dev.shipmate.pipelines.drift;
