package dev.shipmate.bot.preview;

import dev.shipmate.bot.dispatch.FreezeWords;
import dev.shipmate.bot.metrics.SignatureFailures;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.StartResult;
import dev.shipmate.engine.audit.AuditAction;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.pipelines.github.GitHubException;
import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.github.GitHubRejectedException;
import dev.shipmate.pipelines.github.PullRequestAction;
import dev.shipmate.pipelines.github.PullRequestEvent;
import dev.shipmate.pipelines.github.WebhookPayloadException;
import dev.shipmate.pipelines.github.WebhookSignature;
import dev.shipmate.pipelines.preview.PreviewDownPipeline;
import dev.shipmate.pipelines.preview.PreviewDownRequest;
import dev.shipmate.pipelines.preview.PreviewSite;
import dev.shipmate.pipelines.preview.PreviewUpPipeline;
import dev.shipmate.pipelines.preview.PreviewUpRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /github/webhook}: a pull request opened, reopened or pushed to starts a {@code
 * preview-up} run at its head sha; closed starts a {@code preview-down} run.
 *
 * <ul>
 *   <li>401 when {@code X-Hub-Signature-256} is not the body's signature under {@code
 *       GITHUB_WEBHOOK_SECRET}; nothing else is read.
 *   <li>202 and nothing done: another event, an action previews ignore, a repository other than
 *       {@code previews.github.repo}, a pull request from a fork (its code would run with the
 *       cluster's credentials).
 *   <li>202 and nothing done, logged and audited: an opened, reopened or pushed pull request whose
 *       sha is not its head on GitHub now (an old delivery replayed, or one a later push overtook).
 *   <li>503 and nothing done: GitHub did not answer what the head is; redeliver later.
 *   <li>200 and nothing done: a delivery already handled (same {@code X-GitHub-Delivery}), or the
 *       same body delivered again under another delivery id (a replay).
 *   <li>202 with the run id: a run was started; or 202 "deferred": the preview is busy with another
 *       run, and this one starts when it ends ({@link DeferredStarts}).
 * </ul>
 */
public final class GitHubWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(GitHubWebhookServlet.class);

  /** Deliveries are claimed under this prefix in the engine's request keys. */
  static final String KEY_PREFIX = "github:";

  /** Bodies are claimed under this prefix, by their SHA-256. */
  static final String BODY_KEY_PREFIX = "github-body:";

  /** GitHub caps payloads at 25 MB; a pull_request delivery is far smaller. */
  private static final int MAX_BODY = 5 * 1024 * 1024;

  private final transient Engine engine;
  private final String secret;
  private final String repo;
  private final transient Optional<ReplyAddress> reportTo;
  private final transient DeferredStarts deferred;
  private final transient SignatureFailures failures;
  private final transient Optional<GitHubGateway> gitHub;
  private final transient Clock clock;

  /**
   * @param gitHub asked for a pull request's head before a preview is made of an opened or pushed
   *     one; without it (no {@code GITHUB_TOKEN}) the delivery's sha is taken as it comes
   */
  GitHubWebhookServlet(
      Engine engine,
      String secret,
      String repo,
      Optional<ReplyAddress> reportTo,
      DeferredStarts deferred,
      SignatureFailures failures,
      Optional<GitHubGateway> gitHub,
      Clock clock) {
    this.failures = Objects.requireNonNull(failures, "failures");
    this.gitHub = Objects.requireNonNull(gitHub, "gitHub");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.deferred = Objects.requireNonNull(deferred, "deferred");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.repo = Objects.requireNonNull(repo, "repo");
    this.reportTo = Objects.requireNonNull(reportTo, "reportTo");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY
        || !WebhookSignature.verify(secret, body, request.getHeader(WebhookSignature.HEADER))) {
      failures.refused(
          request.getHeader(WebhookSignature.HEADER) == null
              ? "no " + WebhookSignature.HEADER + " header"
              : "a wrong signature");
      answer(response, 401, "bad signature: the body is not signed with GITHUB_WEBHOOK_SECRET");
      return;
    }
    String event = request.getHeader("X-GitHub-Event");
    if ("ping".equals(event)) {
      answer(response, 200, "pong");
      return;
    }
    if (!PullRequestEvent.EVENT.equals(event)) {
      answer(response, 202, "ignored: previews react to pull_request events, not " + event);
      return;
    }
    PullRequestEvent pr;
    try {
      pr = PullRequestEvent.parse(body);
    } catch (WebhookPayloadException e) {
      answer(response, 400, e.getMessage());
      return;
    }
    if (!pr.repo().equalsIgnoreCase(repo)) {
      answer(
          response, 202, "ignored: " + pr.repo() + " is not previews.github.repo (" + repo + ")");
      return;
    }
    if (pr.action() == PullRequestAction.OTHER) {
      answer(response, 202, "ignored: previews do not react to '" + pr.rawAction() + "'");
      return;
    }
    if (pr.fromFork() && pr.action() != PullRequestAction.CLOSED) {
      answer(response, 202, "ignored: pull request #" + pr.number() + " comes from a fork");
      return;
    }
    Optional<Answer> stale;
    try {
      stale = staleHead(pr);
    } catch (GitHubException unanswered) {
      // Nothing is claimed yet: GitHub's "Redeliver" tries again once GitHub answers.
      log.warn(
          "pull request #{} {}: GitHub did not say its head ({}); not acted on",
          pr.number(),
          pr.rawAction(),
          unanswered.getMessage());
      answer(
          response,
          503,
          "not acted on: GitHub did not say the pull request's head; redeliver later");
      return;
    }
    if (stale.isPresent()) {
      answer(response, stale.get());
      return;
    }
    String delivery = request.getHeader("X-GitHub-Delivery");
    if (delivery != null
        && !delivery.isBlank()
        && !engine.claimRequest(KEY_PREFIX + delivery.strip())) {
      answer(response, 200, "already handled: delivery " + delivery.strip());
      return;
    }
    // The delivery header is not signed: a captured body replayed under a new delivery id would
    // pass the check above. The body is signed, and GitHub never sends the same one twice (its
    // timestamps differ), so it is claimed too; keys are kept a day (Bot.REQUEST_KEYS_KEPT).
    if (!engine.claimRequest(BODY_KEY_PREFIX + sha256(body))) {
      log.warn("pull request #{} {}: a replayed body, refused", pr.number(), pr.rawAction());
      answer(response, 200, "already handled: this body was delivered before");
      return;
    }
    answer(response, start(pr));
  }

  private record Answer(int status, String text) {}

  /**
   * For an opened, reopened or pushed pull request: the answer when the delivery's sha is not the
   * pull request's head on GitHub now (an old delivery replayed, or one overtaken by a later push):
   * logged, audited, and not deployed. Empty when it is the head, or for a closed one.
   */
  private Optional<Answer> staleHead(PullRequestEvent pr) {
    if (pr.action() == PullRequestAction.CLOSED || gitHub.isEmpty()) {
      return Optional.empty();
    }
    String head;
    try {
      head = gitHub.get().head(repo, pr.number()).sha();
    } catch (GitHubRejectedException gone) {
      head = null;
    }
    if (pr.headSha().equalsIgnoreCase(String.valueOf(head))) {
      return Optional.empty();
    }
    String why =
        head == null
            ? "GitHub has no pull request #" + pr.number() + " in " + repo
            : "its head is " + head + ", not " + pr.headSha();
    log.warn("pull request #{} {}: ignored, {}", pr.number(), pr.rawAction(), why);
    engine.record(
        new AuditEntry(
            clock.instant(),
            pr.sender(),
            AuditAction.IGNORED,
            Optional.of(PreviewSite.lockKey(pr.number())),
            Optional.empty(),
            "GitHub pull_request "
                + pr.rawAction()
                + " #"
                + pr.number()
                + " at "
                + pr.headSha()
                + ": not deployed, "
                + why));
    return Optional.of(new Answer(202, "ignored: " + why));
  }

  private static String sha256(byte[] body) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    } catch (java.security.NoSuchAlgorithmException missing) {
      throw new IllegalStateException("every Java has SHA-256", missing);
    }
  }

  private Answer start(PullRequestEvent pr) {
    StartRequest request =
        pr.action() == PullRequestAction.CLOSED
            ? StartRequest.of(
                PreviewDownPipeline.TYPE,
                new PreviewDownRequest(
                    pr.number(), pr.merged() ? "pull request merged" : "pull request closed"),
                pr.sender())
            : StartRequest.of(
                PreviewUpPipeline.TYPE,
                new PreviewUpRequest(pr.number(), pr.headSha(), Optional.empty()),
                pr.sender());
    StartRequest addressed = reportTo.map(request::replyTo).orElse(request);
    StartResult result = engine.start(addressed);
    if (result instanceof StartResult.Started started) {
      log.info("pull request #{} {}: started {}", pr.number(), pr.rawAction(), started.run().id());
      return new Answer(202, "started " + started.run().id() + ": " + started.run().summary());
    }
    if (result instanceof StartResult.Invalid invalid) {
      log.warn("pull request #{} {}: not started: {}", pr.number(), pr.rawAction(), invalid);
      return new Answer(422, "not started: " + String.join(" ", invalid.problems()));
    }
    if (result instanceof StartResult.Frozen frozen) {
      // A freeze may last days: no preview waits for it; the next push asks again.
      String why = FreezeWords.describe(frozen.freezes().get(0));
      log.info("pull request #{} {}: not started: {}", pr.number(), pr.rawAction(), why);
      return new Answer(409, "not started: " + why + ".");
    }
    String refused = ((StartResult.Refused) result).userMessage();
    log.info("pull request #{} {}: deferred: {}", pr.number(), pr.rawAction(), refused);
    deferred.defer(pr.number(), addressed);
    return new Answer(
        202, "deferred: " + refused + " This delivery's run starts once that run has ended.");
  }

  private static void answer(HttpServletResponse response, Answer answer) throws IOException {
    answer(response, answer.status(), answer.text());
  }

  private static void answer(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
