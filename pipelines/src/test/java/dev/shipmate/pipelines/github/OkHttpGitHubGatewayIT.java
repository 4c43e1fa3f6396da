package dev.shipmate.pipelines.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gateway against WireMock standing in for api.github.com. */
class OkHttpGitHubGatewayIT {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String SHA = "3f2a9c1e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a";
  private static final String COMMENTS = "/repos/acme/web/issues/123/comments";
  private static final String FIRST_PAGE = COMMENTS + "?per_page=100";
  private static final String MARKED = StickyComment.PREVIEW_MARKER + "\n";

  private static WireMockServer github;
  private static OkHttpClient http;
  private GitHubGateway gateway;

  @BeforeAll
  static void start() {
    github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    github.start();
    http = new OkHttpClient();
  }

  @AfterAll
  static void stop() {
    github.stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @BeforeEach
  void reset() {
    github.resetAll();
    gateway = gateway(github.baseUrl());
  }

  private static GitHubGateway gateway(String url) {
    return new OkHttpGitHubGateway(
        http, HttpUrl.get(url), "ghp_test", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String comment(long id, String body) {
    return "{\"id\":"
        + id
        + ",\"html_url\":\"https://github.com/acme/web/pull/123#issuecomment-"
        + id
        + "\",\"body\":\""
        + body.replace("\n", "\\n")
        + "\",\"user\":{\"login\":\"shipmate[bot]\"}}";
  }

  @Test
  @DisplayName("the head of a pull request is read from GET /repos/{repo}/pulls/{n}")
  void pullRequestHead() {
    github.stubFor(
        get(urlEqualTo("/repos/acme/web/pulls/123"))
            .willReturn(okJson("{\"number\":123,\"head\":{\"sha\":\"" + SHA + "\"}}")));

    assertThat(gateway.pullRequestHead("acme/web", 123)).isEqualTo(SHA);
  }

  @Test
  @DisplayName("a pull request GitHub does not have is refused, not retried")
  void noSuchPullRequest() {
    github.stubFor(
        get(urlEqualTo("/repos/acme/web/pulls/9"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

    assertThatThrownBy(() -> gateway.pullRequestHead("acme/web", 9))
        .isInstanceOf(GitHubRejectedException.class);
  }

  @Nested
  @DisplayName("commit statuses")
  class CommitStatuses {
    @Test
    @DisplayName("are posted with the state, link, description and context, and GitHub's headers")
    void posted() {
      github.stubFor(
          post(urlEqualTo("/repos/acme/web/statuses/" + SHA))
              .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));

      gateway.setCommitStatus(
          "acme/web",
          SHA,
          CommitState.PENDING,
          "https://pr-123.preview.example.com",
          "Preview is starting",
          GitHubGateway.PREVIEW_CONTEXT);

      github.verify(
          1,
          postRequestedFor(urlEqualTo("/repos/acme/web/statuses/" + SHA))
              .withHeader("Accept", equalTo("application/vnd.github+json"))
              .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
              .withHeader("Authorization", equalTo("Bearer ghp_test"))
              .withRequestBody(
                  equalToJson(
                      "{\"state\":\"pending\",\"target_url\":\"https://pr-123.preview.example.com\","
                          + "\"description\":\"Preview is starting\","
                          + "\"context\":\"shipmate/preview\"}")));
    }

    @Test
    @DisplayName(
        "a long description is cut to GitHub's 140 characters; no link is sent without one")
    void shortened() {
      github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));

      gateway.setCommitStatus(
          "acme/web", SHA, CommitState.FAILURE, null, "x".repeat(300), "shipmate/preview");

      github.verify(
          postRequestedFor(urlEqualTo("/repos/acme/web/statuses/" + SHA))
              .withRequestBody(
                  equalToJson(
                      "{\"state\":\"failure\",\"description\":\""
                          + "x".repeat(139)
                          + "…\",\"context\":\"shipmate/preview\"}")));
    }

    @Test
    @DisplayName("a repository not written owner/name is refused before any request")
    void badRepo() {
      assertThatThrownBy(
              () -> gateway.setCommitStatus("web", SHA, CommitState.SUCCESS, null, "ok", "c"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a GitHub repository is written owner/name (acme/web), not 'web'");
      assertThat(github.getAllServeEvents()).isEmpty();
    }
  }

  @Nested
  @DisplayName("the sticky comment")
  class Sticky {
    @Test
    @DisplayName("is created once, then edited: a second upsert makes a PATCH, not a POST")
    void createdThenEdited() {
      // Given a pull request without Shipmate's comment, on a GitHub that remembers the one posted
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE))
              .inScenario("comments")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(okJson("[" + comment(7, "Nice work!") + "]")));
      github.stubFor(
          post(urlEqualTo(COMMENTS))
              .inScenario("comments")
              .willSetStateTo("posted")
              .willReturn(aResponse().withStatus(201).withBody(comment(99, MARKED + "Starting"))));
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE))
              .inScenario("comments")
              .whenScenarioStateIs("posted")
              .willReturn(
                  okJson(
                      "["
                          + comment(7, "Nice work!")
                          + ","
                          + comment(99, MARKED + "Starting")
                          + "]")));
      github.stubFor(
          patch(urlEqualTo("/repos/acme/web/issues/comments/99"))
              .willReturn(okJson(comment(99, MARKED + "Ready"))));

      // When it is upserted twice
      StickyComment first = gateway.upsertStickyComment("acme/web", 123, "Starting");
      StickyComment second = gateway.upsertStickyComment("acme/web", 123, "Ready");

      // Then one POST, then one PATCH of that comment, each with the marker
      assertThat(first.change()).isEqualTo(StickyComment.Change.CREATED);
      assertThat(first.id()).isEqualTo(99);
      assertThat(second)
          .isEqualTo(
              new StickyComment(
                  99,
                  "https://github.com/acme/web/pull/123#issuecomment-99",
                  StickyComment.Change.UPDATED));
      github.verify(
          1,
          postRequestedFor(urlEqualTo(COMMENTS))
              .withRequestBody(equalToJson("{\"body\":\"<!-- shipmate:preview -->\\nStarting\"}")));
      github.verify(
          1,
          patchRequestedFor(urlEqualTo("/repos/acme/web/issues/comments/99"))
              .withRequestBody(equalToJson("{\"body\":\"<!-- shipmate:preview -->\\nReady\"}")));
    }

    @Test
    @DisplayName("is found on a later page by following the Link header")
    void pagination() {
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE))
              .willReturn(
                  okJson("[" + comment(1, "first") + "]")
                      .withHeader(
                          "Link",
                          "<"
                              + github.baseUrl()
                              + COMMENTS
                              + "?per_page=100&page=2>; rel=\"next\", <"
                              + github.baseUrl()
                              + COMMENTS
                              + "?per_page=100&page=2>; rel=\"last\"")));
      github.stubFor(
          get(urlEqualTo(COMMENTS + "?per_page=100&page=2"))
              .willReturn(okJson("[" + comment(42, MARKED + "old") + "]")));
      github.stubFor(
          patch(urlEqualTo("/repos/acme/web/issues/comments/42"))
              .willReturn(okJson(comment(42, MARKED + "new"))));

      StickyComment comment = gateway.upsertStickyComment("acme/web", 123, "new");

      assertThat(comment.id()).isEqualTo(42);
      assertThat(comment.change()).isEqualTo(StickyComment.Change.UPDATED);
      github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("with the same text already there, nothing is sent")
    void unchanged() {
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE)).willReturn(okJson("[" + comment(5, MARKED + "Ready") + "]")));

      StickyComment comment = gateway.upsertStickyComment("acme/web", 123, "Ready");

      assertThat(comment.change()).isEqualTo(StickyComment.Change.UNCHANGED);
      github.verify(0, patchRequestedFor(anyUrl()));
      github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("a next-page link to another host is not followed: the token stays with GitHub")
    void foreignLink() {
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE))
              .willReturn(
                  okJson("[]")
                      .withHeader("Link", "<http://127.0.0.2:9/steal?page=2>; rel=\"next\"")));
      github.stubFor(
          post(urlEqualTo(COMMENTS))
              .willReturn(aResponse().withStatus(201).withBody(comment(3, MARKED + "x"))));

      StickyComment comment = gateway.upsertStickyComment("acme/web", 123, "x");

      assertThat(comment.change()).isEqualTo(StickyComment.Change.CREATED);
      github.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("deleted by someone between the listing and the edit, it is posted afresh")
    void deletedMeanwhile() {
      github.stubFor(
          get(urlEqualTo(FIRST_PAGE)).willReturn(okJson("[" + comment(8, MARKED + "old") + "]")));
      github.stubFor(
          patch(urlEqualTo("/repos/acme/web/issues/comments/8"))
              .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
      github.stubFor(
          post(urlEqualTo(COMMENTS))
              .willReturn(aResponse().withStatus(201).withBody(comment(9, MARKED + "new"))));

      assertThat(gateway.upsertStickyComment("acme/web", 123, "new").id()).isEqualTo(9);
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("a spent rate limit is retryable at GitHub's reset time")
    void rateLimit() {
      long reset = NOW.plus(Duration.ofMinutes(17)).getEpochSecond();
      github.stubFor(
          post(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(403)
                      .withHeader("x-ratelimit-limit", "5000")
                      .withHeader("x-ratelimit-remaining", "0")
                      .withHeader("x-ratelimit-reset", Long.toString(reset))
                      .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}")));

      GitHubRetryableException e =
          catchThrowableOfType(
              GitHubRetryableException.class,
              () ->
                  gateway.setCommitStatus(
                      "acme/web", SHA, CommitState.SUCCESS, null, "ok", "shipmate/preview"));

      assertThat(e.retryable()).isTrue();
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
      assertThat(e.getMessage())
          .isEqualTo(
              "could not set the commit status of 3f2a9c1 in acme/web: GitHub's rate limit is"
                  + " reached; try again at 2026-11-21T10:17:00Z");
    }

    @Test
    @DisplayName("a secondary rate limit with retry-after is retryable that many seconds later")
    void retryAfter() {
      github.stubFor(
          get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("retry-after", "45")));

      GitHubRetryableException e =
          catchThrowableOfType(
              GitHubRetryableException.class,
              () -> gateway.upsertStickyComment("acme/web", 123, "x"));

      assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(45));
    }

    @Test
    @DisplayName("GitHub failing (5xx) is retryable after a back-off")
    void serverError() {
      github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502)));

      GitHubRetryableException e =
          catchThrowableOfType(
              GitHubRetryableException.class,
              () -> gateway.setCommitStatus("acme/web", SHA, CommitState.ERROR, null, "x", "c"));

      assertThat(e.status()).isEqualTo(502);
      assertThat(e.retryAt()).isEqualTo(NOW.plus(OkHttpGitHubGateway.DEFAULT_BACKOFF));
    }

    @Test
    @DisplayName("no answer at all is retryable")
    void unreachable() {
      github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
      GitHubGateway nowhere = gateway("http://127.0.0.1:1");

      GitHubRetryableException e =
          catchThrowableOfType(
              GitHubRetryableException.class,
              () -> nowhere.setCommitStatus("acme/web", SHA, CommitState.ERROR, null, "x", "c"));

      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).contains("no answer from GitHub at http://127.0.0.1:1/");
    }

    @Test
    @DisplayName("a repository GitHub does not have is not retryable, and says what to check")
    void notFound() {
      github.stubFor(
          get(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withBody(
                          "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}")));

      assertThatThrownBy(() -> gateway.upsertStickyComment("acme/wbe", 123, "x"))
          .isInstanceOf(GitHubRejectedException.class)
          .hasMessage(
              "could not read the comments of pull request #123 of acme/wbe: GitHub has no such"
                  + " repository or pull request, or the token cannot see it: check"
                  + " previews.github.repo in the configuration and the token's access (HTTP 404:"
                  + " Not Found)");
    }

    @Test
    @DisplayName("a status GitHub cannot process (422) is not retryable and carries its reason")
    void unprocessable() {
      github.stubFor(
          post(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(422)
                      .withBody(
                          "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Status\","
                              + "\"code\":\"custom\",\"message\":\"No commit found for SHA: abc\"}]}")));

      GitHubRejectedException e =
          catchThrowableOfType(
              GitHubRejectedException.class,
              () ->
                  gateway.setCommitStatus("acme/web", "abc", CommitState.SUCCESS, null, "x", "c"));

      assertThat(e.retryable()).isFalse();
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage())
          .endsWith("(HTTP 422: Validation Failed: No commit found for SHA: abc)");
    }

    @Test
    @DisplayName("a 403 that is not a rate limit is a missing permission, not retryable")
    void forbidden() {
      github.stubFor(
          post(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(403)
                      .withHeader("x-ratelimit-remaining", "4999")
                      .withBody("{\"message\":\"Resource not accessible by integration\"}")));

      assertThatThrownBy(
              () -> gateway.setCommitStatus("acme/web", SHA, CommitState.SUCCESS, null, "x", "c"))
          .isInstanceOf(GitHubRejectedException.class)
          .hasMessageContaining("the token may not do this")
          .hasMessageContaining("Resource not accessible by integration");
    }
  }

  @Test
  @DisplayName("built from the environment, it needs GITHUB_TOKEN and defaults to api.github.com")
  void fromEnvironment() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThatThrownBy(() -> OkHttpGitHubGateway.fromEnvironment(Map.of(), http, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("GITHUB_TOKEN is not set");
    github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    OkHttpGitHubGateway.fromEnvironment(
            Map.of("GITHUB_TOKEN", "t", "GITHUB_API_URL", github.baseUrl()), http, clock)
        .setCommitStatus("acme/web", SHA, CommitState.SUCCESS, null, "ok", "c");
    github.verify(postRequestedFor(urlPathEqualTo("/repos/acme/web/statuses/" + SHA)));
  }
}
