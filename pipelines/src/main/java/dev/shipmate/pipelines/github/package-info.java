/**
 * GitHub, as previews need it: commit statuses and one sticky pull-request comment through the REST
 * API ({@link dev.shipmate.pipelines.github.GitHubGateway}, over OkHttp), and the webhook side
 * ({@link dev.shipmate.pipelines.github.WebhookSignature}, {@link
 * dev.shipmate.pipelines.github.PullRequestEvent}).
 *
 * <p>Failures are classified once, here: {@link
 * dev.shipmate.pipelines.github.GitHubRetryableException} (rate limits, GitHub unavailable) says
 * when to try again; {@link dev.shipmate.pipelines.github.GitHubRejectedException} will fail the
 * same way again and says what to fix.
 */
package dev.shipmate.pipelines.github;
