package dev.shipmate.bot.slice;

import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.github.OkHttpGitHubGateway;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * How Shipmate talks to GitHub, from the environment: {@code GITHUB_TOKEN} (and {@code
 * GITHUB_API_URL}, default api.github.com) to report commit statuses and the PR comment, {@code
 * GITHUB_WEBHOOK_SECRET} to verify {@code POST /github/webhook}. Each is optional: without a token
 * previews do not report to GitHub; without a secret the webhook endpoint is not served.
 */
public record GitHubSettings(
    Optional<String> apiUrl, Optional<String> token, Optional<String> webhookSecret) {

  public static GitHubSettings none() {
    return new GitHubSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static GitHubSettings from(Map<String, String> env) {
    return new GitHubSettings(
        nonBlank(env, "GITHUB_API_URL"),
        nonBlank(env, "GITHUB_TOKEN"),
        nonBlank(env, "GITHUB_WEBHOOK_SECRET"));
  }

  /** The REST gateway, when a token is set. */
  public Optional<GitHubGateway> gateway(OkHttpClient http, Clock clock) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_TOKEN", token.get());
    apiUrl.ifPresent(url -> env.put("GITHUB_API_URL", url));
    return Optional.of(OkHttpGitHubGateway.fromEnvironment(env, http, clock));
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
