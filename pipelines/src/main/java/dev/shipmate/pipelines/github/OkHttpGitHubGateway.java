package dev.shipmate.pipelines.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GitHubGateway} over OkHttp and GitHub's REST API ({@code GITHUB_API_URL}, by default
 * {@code https://api.github.com}), authenticated with a token ({@code GITHUB_TOKEN}).
 *
 * <p>How failures are classified (as GitHub documents its rate limits): 403 or 429 with {@code
 * retry-after} is retryable after that many seconds; with {@code x-ratelimit-remaining: 0}, at
 * {@code x-ratelimit-reset}; a 429 without either after a minute. 5xx and no answer at all are
 * retryable after {@link #DEFAULT_BACKOFF}. Every other 4xx is {@link GitHubRejectedException}. It
 * never sleeps nor retries by itself: the step that called it asks to be called again.
 */
public final class OkHttpGitHubGateway implements GitHubGateway {
  private static final Logger log = LoggerFactory.getLogger(OkHttpGitHubGateway.class);

  public static final String DEFAULT_API_URL = "https://api.github.com";

  /** When to try again after a 5xx or no answer, when GitHub does not say. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);

  /** When to try again after a rate limit that names no time, as GitHub advises. */
  public static final Duration RATE_LIMIT_BACKOFF = Duration.ofMinutes(1);

  /** GitHub's limit on a status description. */
  static final int MAX_DESCRIPTION = 140;

  /** At 100 comments a page, 5,000 comments: far more than a pull request has. */
  static final int MAX_PAGES = 50;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl api;
  private final String token;
  private final Clock clock;

  public OkHttpGitHubGateway(OkHttpClient http, HttpUrl api, String token, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.api = Objects.requireNonNull(api, "api");
    this.token = Objects.requireNonNull(token, "token");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (token.isBlank()) {
      throw new IllegalArgumentException("a GitHub token cannot be blank");
    }
  }

  /**
   * The gateway that {@code GITHUB_API_URL} (optional) and {@code GITHUB_TOKEN} (required) in
   * {@code env} describe.
   */
  public static OkHttpGitHubGateway fromEnvironment(
      Map<String, String> env, OkHttpClient http, Clock clock) {
    String token = env.get("GITHUB_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "GITHUB_TOKEN is not set: previews report to GitHub with a token that may write commit"
              + " statuses and pull request comments on previews.github.repo; set it, or remove"
              + " previews.github from the configuration");
    }
    String url = env.getOrDefault("GITHUB_API_URL", DEFAULT_API_URL);
    HttpUrl api = HttpUrl.parse(url.isBlank() ? DEFAULT_API_URL : url);
    if (api == null) {
      throw new IllegalStateException(
          "GITHUB_API_URL is not an http(s) URL: '"
              + url
              + "'; unset it to use "
              + DEFAULT_API_URL);
    }
    return new OkHttpGitHubGateway(http, api, token, clock);
  }

  @Override
  public void setCommitStatus(
      String repo,
      String sha,
      CommitState state,
      String targetUrl,
      String description,
      String context) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(context, "context");
    if (sha == null || sha.isBlank()) {
      throw new IllegalArgumentException("a commit status needs the commit's sha");
    }
    ObjectNode json = MAPPER.createObjectNode();
    json.put("state", state.apiValue());
    if (targetUrl != null && !targetUrl.isBlank()) {
      json.put("target_url", targetUrl);
    }
    if (description != null) {
      json.put("description", shorten(description));
    }
    json.put("context", context);
    HttpUrl url = repoUrl(repo).addPathSegment("statuses").addPathSegment(sha).build();
    call(
        request(url).post(body(json)).build(),
        "set the commit status of " + shortSha(sha) + " in " + repo);
  }

  @Override
  public String pullRequestHead(String repo, int pr) {
    return head(repo, pr).sha();
  }

  @Override
  public PullRequestHead head(String repo, int pr) {
    HttpUrl url =
        repoUrl(repo).addPathSegment("pulls").addPathSegment(Integer.toString(pr)).build();
    JsonNode pull = call(request(url).get().build(), "read pull request #" + pr + " of " + repo);
    String sha = pull.path("head").path("sha").asText("");
    if (sha.isBlank()) {
      throw new GitHubRejectedException(
          "GitHub's answer for pull request #" + pr + " of " + repo + " names no head commit", 200);
    }
    String headRepo = pull.path("head").path("repo").path("full_name").asText("");
    return new PullRequestHead(sha, headRepo.isBlank() ? Optional.empty() : Optional.of(headRepo));
  }

  @Override
  public StickyComment upsertStickyComment(String repo, int pr, String body) {
    Objects.requireNonNull(body, "body");
    if (pr < 1) {
      throw new IllegalArgumentException("a pull request number is 1 or more, not " + pr);
    }
    String text =
        body.contains(StickyComment.PREVIEW_MARKER)
            ? body
            : StickyComment.PREVIEW_MARKER + "\n" + body;
    Optional<JsonNode> existing = findMarked(repo, pr);
    if (existing.isPresent()) {
      JsonNode comment = existing.get();
      long id = comment.path("id").asLong();
      if (text.equals(comment.path("body").asText())) {
        return new StickyComment(
            id, comment.path("html_url").asText(), StickyComment.Change.UNCHANGED);
      }
      HttpUrl url =
          repoUrl(repo)
              .addPathSegment("issues")
              .addPathSegment("comments")
              .addPathSegment(Long.toString(id))
              .build();
      try {
        JsonNode edited =
            call(
                request(url).patch(body(MAPPER.createObjectNode().put("body", text))).build(),
                "edit Shipmate's comment on pull request #" + pr + " of " + repo);
        return new StickyComment(
            id, edited.path("html_url").asText(), StickyComment.Change.UPDATED);
      } catch (GitHubRejectedException e) {
        if (e.status() != 404) {
          throw e;
        }
        // Someone deleted it between the listing and the edit: post it afresh.
        log.info("comment {} on {}#{} vanished before its edit; posting a new one", id, repo, pr);
      }
    }
    HttpUrl url = issueUrl(repo, pr).addPathSegment("comments").build();
    JsonNode created =
        call(
            request(url).post(body(MAPPER.createObjectNode().put("body", text))).build(),
            "comment on pull request #" + pr + " of " + repo);
    return new StickyComment(
        created.path("id").asLong(),
        created.path("html_url").asText(),
        StickyComment.Change.CREATED);
  }

  /** The oldest comment with the marker, reading every page of the pull request's comments. */
  private Optional<JsonNode> findMarked(String repo, int pr) {
    HttpUrl page =
        issueUrl(repo, pr).addPathSegment("comments").addQueryParameter("per_page", "100").build();
    for (int pages = 0; page != null && pages < MAX_PAGES; pages++) {
      Page result = page(page, "read the comments of pull request #" + pr + " of " + repo);
      for (JsonNode comment : result.items()) {
        if (comment.path("body").asText().contains(StickyComment.PREVIEW_MARKER)) {
          return Optional.of(comment);
        }
      }
      page = result.next().orElse(null);
    }
    return Optional.empty();
  }

  private record Page(JsonNode items, Optional<HttpUrl> next) {}

  private Page page(HttpUrl url, String what) {
    try (Response response = execute(request(url).get().build(), what)) {
      JsonNode items = parse(response, what);
      Optional<HttpUrl> next =
          LinkHeader.next(response.header("Link")).map(HttpUrl::parse).filter(this::sameOrigin);
      return new Page(items.isArray() ? items : MAPPER.createArrayNode(), next);
    }
  }

  /** Never send the token anywhere but the API it is meant for, whatever a Link header says. */
  private boolean sameOrigin(HttpUrl url) {
    boolean same =
        url.scheme().equals(api.scheme())
            && url.host().equals(api.host())
            && url.port() == api.port();
    if (!same) {
      log.warn("ignoring a GitHub pagination link to another origin: {}", url.redact());
    }
    return same;
  }

  private JsonNode call(Request request, String what) {
    try (Response response = execute(request, what)) {
      return parse(response, what);
    }
  }

  /** The response when it is a success; otherwise the classified failure, thrown. */
  private Response execute(Request request, String what) {
    Response response;
    try {
      response = http.newCall(request).execute();
    } catch (IOException e) {
      throw new GitHubRetryableException(
          "could not " + what + ": no answer from GitHub at " + api + " (" + e.getMessage() + ")",
          0,
          clock.instant().plus(DEFAULT_BACKOFF),
          e);
    }
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw failure(response, what);
    }
  }

  private GitHubException failure(Response response, String what) {
    int code = response.code();
    String detail = detail(response);
    Instant now = clock.instant();
    Optional<Instant> retryAfter = seconds(response.header("retry-after")).map(now::plusSeconds);
    boolean exhausted = "0".equals(trimmed(response.header("x-ratelimit-remaining")));
    if ((code == 403 || code == 429) && (retryAfter.isPresent() || exhausted || code == 429)) {
      Instant at =
          retryAfter
              .or(
                  () ->
                      exhausted
                          ? seconds(response.header("x-ratelimit-reset"))
                              .map(Instant::ofEpochSecond)
                          : Optional.empty())
              .filter(instant -> instant.isAfter(now))
              .orElse(now.plus(RATE_LIMIT_BACKOFF));
      return new GitHubRetryableException(
          "could not " + what + ": GitHub's rate limit is reached; try again at " + at,
          code,
          at,
          null);
    }
    if (code >= 500) {
      Instant at = retryAfter.orElse(now.plus(DEFAULT_BACKOFF));
      return new GitHubRetryableException(
          "could not " + what + ": GitHub answered " + code + detail + "; try again at " + at,
          code,
          at,
          null);
    }
    String advice =
        switch (code) {
          case 401 -> "GitHub does not accept the token: set GITHUB_TOKEN to a valid token";
          case 403 ->
              "the token may not do this: give it write access to commit statuses and pull"
                  + " requests of the repository";
          case 404 ->
              "GitHub has no such repository or pull request, or the token cannot see it: check"
                  + " previews.github.repo in the configuration and the token's access";
          case 422 -> "GitHub could not process it: check the commit sha and the values sent";
          default -> "GitHub refused it";
        };
    return new GitHubRejectedException(
        "could not " + what + ": " + advice + " (HTTP " + code + detail + ")", code);
  }

  /** GitHub's own {@code message} (and the first of its {@code errors}), for the log and chat. */
  private static String detail(Response response) {
    try {
      String text = response.body().string();
      if (text.isBlank()) {
        return "";
      }
      JsonNode json = MAPPER.readTree(text);
      String message = json.path("message").asText("");
      JsonNode error = json.path("errors").path(0);
      String first = error.isTextual() ? error.asText() : error.path("message").asText("");
      String joined = message + (first.isBlank() ? "" : (message.isBlank() ? "" : ": ") + first);
      return joined.isBlank() ? "" : ": " + joined;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private JsonNode parse(Response response, String what) {
    try {
      String text = response.body().string();
      return text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
    } catch (IOException e) {
      throw new GitHubRetryableException(
          "could not " + what + ": GitHub's answer could not be read (" + e.getMessage() + ")",
          response.code(),
          clock.instant().plus(DEFAULT_BACKOFF),
          e);
    }
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("Authorization", "Bearer " + token)
        .header("User-Agent", "shipmate");
  }

  private HttpUrl.Builder repoUrl(String repo) {
    if (repo == null || !REPO.matcher(repo).matches()) {
      throw new IllegalArgumentException(
          "a GitHub repository is written owner/name (acme/web), not '" + repo + "'");
    }
    String[] parts = repo.split("/");
    return api.newBuilder()
        .addPathSegment("repos")
        .addPathSegment(parts[0])
        .addPathSegment(parts[1]);
  }

  private HttpUrl.Builder issueUrl(String repo, int pr) {
    return repoUrl(repo).addPathSegment("issues").addPathSegment(Integer.toString(pr));
  }

  private static RequestBody body(JsonNode json) {
    return RequestBody.create(json.toString(), JSON);
  }

  static String shorten(String description) {
    String line = description.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 1) + "…";
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static Optional<Long> seconds(String header) {
    try {
      return Optional.ofNullable(trimmed(header)).map(Long::parseLong).filter(s -> s >= 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String trimmed(String header) {
    return header == null ? null : header.trim();
  }
}
