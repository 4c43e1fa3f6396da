package dev.shipmate.sandbox.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of GitHub's REST API previews use, in process and with state: commit statuses ({@code
 * POST /repos/{o}/{r}/statuses/{sha}}) and pull request comments (list, post, edit). It records
 * every call, so tests can assert that a status went from pending to success and that one comment
 * was edited rather than a second one posted. Any token is accepted; one is required, as GitHub
 * requires one to write.
 */
public final class SimulatedGitHub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATUSES = Pattern.compile("/repos/([^/]+/[^/]+)/statuses/(\\w+)");
  private static final Pattern PR_COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/(\\d+)");
  private static final Pattern COMMENT =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

  /** The token the sandbox hands to {@code serve} ({@code GITHUB_TOKEN}); any other works too. */
  public static final String DEFAULT_TOKEN = "ghp_sandbox0000000000000000000000000000";

  /**
   * The secret webhook deliveries from the sandbox are signed with ({@code GITHUB_WEBHOOK_SECRET}).
   */
  public static final String DEFAULT_WEBHOOK_SECRET = "sandbox-github-webhook-secret";

  /** A commit status as it was set. */
  public record Status(String repo, String sha, String state, String targetUrl, String context) {}

  /** A comment as it now stands, and how many times it was edited. */
  public record Comment(long id, String repo, int pr, String body, int edits) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong ids = new AtomicLong(1000);

  // Guarded by this.
  private final List<Status> statuses = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  private int posts;
  private final Map<String, String> heads = new HashMap<>();
  private final Map<String, String> headRepos = new HashMap<>();

  private SimulatedGitHub(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves on a free port of 127.0.0.1. */
  public static SimulatedGitHub start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(2);
      server.setExecutor(executor);
      SimulatedGitHub github = new SimulatedGitHub(server, executor);
      server.createContext("/", github::handle);
      server.start();
      return github;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the GitHub stand-in", e);
    }
  }

  /** What {@code GITHUB_API_URL} should be. */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * {@code GITHUB_API_URL}, {@code GITHUB_TOKEN}, {@code GITHUB_WEBHOOK_SECRET}: what serve needs.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("GITHUB_API_URL", apiUrl().toString());
    env.put("GITHUB_TOKEN", DEFAULT_TOKEN);
    env.put("GITHUB_WEBHOOK_SECRET", DEFAULT_WEBHOOK_SECRET);
    return env;
  }

  /** Pull request {@code pr} of {@code repo} exists, its head at {@code sha}. */
  public synchronized void openPullRequest(String repo, int pr, String sha) {
    openPullRequest(repo, pr, sha, repo);
  }

  /**
   * Pull request {@code pr} of {@code repo} exists, its head at {@code sha} in {@code headRepo}
   * (another repository than {@code repo} for a pull request from a fork).
   */
  public synchronized void openPullRequest(String repo, int pr, String sha, String headRepo) {
    headRepos.put(repo + "#" + pr, headRepo);
    heads.put(repo + "#" + pr, sha);
  }

  /**
   * Closes pull request {@code pr} and delivers GitHub's {@code pull_request} {@code closed} event
   * to {@code webhook}, signed with {@link #DEFAULT_WEBHOOK_SECRET} as GitHub signs it ({@code
   * X-Hub-Signature-256}).
   *
   * @return the HTTP status the receiver answered
   */
  public int closePullRequest(String repo, int pr, URI webhook) {
    String sha;
    synchronized (this) {
      sha = heads.remove(repo + "#" + pr);
    }
    ObjectNode event = JSON.createObjectNode();
    event.put("action", "closed");
    event.put("number", pr);
    ObjectNode pull = event.putObject("pull_request");
    pull.put("number", pr);
    pull.put("merged", false);
    ObjectNode head = pull.putObject("head");
    head.put("sha", sha == null ? "0".repeat(40) : sha);
    head.put("ref", "feature/pr-" + pr);
    head.putObject("repo").put("full_name", repo);
    event.putObject("repository").put("full_name", repo);
    event.putObject("sender").put("login", "octocat");
    byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(DEFAULT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      HttpRequest request =
          HttpRequest.newBuilder(webhook)
              .header("X-GitHub-Event", "pull_request")
              .header("X-GitHub-Delivery", "sandbox-" + ids.incrementAndGet())
              .header("X-Hub-Signature-256", signature)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      return HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deliver the webhook to " + webhook, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted delivering the webhook to " + webhook, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Every status set, in order. */
  public synchronized List<Status> statuses(String sha) {
    return statuses.stream().filter(s -> s.sha().equals(sha)).toList();
  }

  /** The comments of a pull request as they stand. */
  public synchronized List<Comment> comments(String repo, int pr) {
    return comments.stream().filter(c -> c.repo().equals(repo) && c.pr() == pr).toList();
  }

  /** How many comments were posted (not edited), on any pull request. */
  public synchronized int commentsPosted() {
    return posts;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || auth.isBlank()) {
        send(exchange, 401, "{\"message\":\"Requires authentication\"}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher m;
      if ((m = STATUSES.matcher(path)).matches() && method.equals("POST")) {
        JsonNode body = body(exchange);
        synchronized (this) {
          statuses.add(
              new Status(
                  m.group(1),
                  m.group(2),
                  body.path("state").asText(),
                  body.path("target_url").asText(null),
                  body.path("context").asText()));
        }
        send(exchange, 201, "{\"id\":" + ids.incrementAndGet() + "}");
      } else if ((m = PULL.matcher(path)).matches() && method.equals("GET")) {
        String sha;
        String headRepo;
        synchronized (this) {
          sha = heads.get(m.group(1) + "#" + m.group(2));
          headRepo = headRepos.get(m.group(1) + "#" + m.group(2));
        }
        if (sha == null) {
          send(exchange, 404, "{\"message\":\"Not Found\"}");
        } else {
          ObjectNode pull = JSON.createObjectNode();
          pull.put("number", Integer.parseInt(m.group(2)));
          ObjectNode head = pull.putObject("head").put("sha", sha);
          head.putObject("repo").put("full_name", headRepo);
          pull.putObject("base").putObject("repo").put("full_name", m.group(1));
          send(exchange, 200, pull.toString());
        }
      } else if ((m = PR_COMMENTS.matcher(path)).matches() && method.equals("GET")) {
        ArrayNode list = JSON.createArrayNode();
        comments(m.group(1), Integer.parseInt(m.group(2))).forEach(c -> list.add(json(c)));
        send(exchange, 200, list.toString());
      } else if ((m = PR_COMMENTS.matcher(path)).matches() && method.equals("POST")) {
        Comment comment =
            new Comment(
                ids.incrementAndGet(),
                m.group(1),
                Integer.parseInt(m.group(2)),
                body(exchange).path("body").asText(),
                0);
        synchronized (this) {
          comments.add(comment);
          posts++;
        }
        send(exchange, 201, json(comment).toString());
      } else if ((m = COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
        Optional<Comment> edited = edit(Long.parseLong(m.group(2)), body(exchange));
        if (edited.isEmpty()) {
          send(exchange, 404, "{\"message\":\"Not Found\"}");
        } else {
          send(exchange, 200, json(edited.get()).toString());
        }
      } else {
        send(exchange, 404, "{\"message\":\"Not Found\"}");
      }
    }
  }

  private synchronized Optional<Comment> edit(long id, JsonNode body) {
    for (int i = 0; i < comments.size(); i++) {
      Comment c = comments.get(i);
      if (c.id() == id) {
        Comment edited =
            new Comment(id, c.repo(), c.pr(), body.path("body").asText(), c.edits() + 1);
        comments.set(i, edited);
        return Optional.of(edited);
      }
    }
    return Optional.empty();
  }

  private static ObjectNode json(Comment comment) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", comment.id());
    node.put(
        "html_url",
        "https://github.com/"
            + comment.repo()
            + "/pull/"
            + comment.pr()
            + "#issuecomment-"
            + comment.id());
    node.put("body", comment.body());
    node.putObject("user").put("login", "shipmate[bot]");
    return node;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
