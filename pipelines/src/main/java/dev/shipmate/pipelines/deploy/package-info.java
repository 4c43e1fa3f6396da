/**
 * The judgement behind {@code /deploy}, {@code /rollback} and {@code /whats-deployed}: what a
 * deploy would change ({@link dev.shipmate.pipelines.deploy.DeployPlan}), how a rollout is going
 * ({@link dev.shipmate.pipelines.deploy.RolloutJudge}), what an undo restores ({@link
 * dev.shipmate.pipelines.deploy.UndoPlan}) and what runs where ({@link
 * dev.shipmate.pipelines.deploy.VersionReport}). Pure: records and small classes over snapshots
 * read by a {@link dev.shipmate.pipelines.kubernetes.DeploymentGateway}, no I/O.
 */
package dev.shipmate.pipelines.deploy;
