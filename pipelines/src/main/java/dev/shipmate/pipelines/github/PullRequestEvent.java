package dev.shipmate.pipelines.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code pull_request} webhook delivery, as much of it as previews need.
 *
 * @param action what happened ({@link PullRequestAction#OTHER} for what previews ignore)
 * @param rawAction GitHub's word for it ({@code labeled})
 * @param number the pull request number
 * @param headSha the commit at the head of the pull request
 * @param headRef the head branch ({@code feature/login})
 * @param repo the repository the pull request is in, {@code owner/name}
 * @param headRepo the repository the head branch is in; another one for a pull request from a fork,
 *     empty when that fork was deleted
 * @param sender the GitHub login of who caused the event
 * @param merged whether a closed pull request was merged
 */
public record PullRequestEvent(
    PullRequestAction action,
    String rawAction,
    int number,
    String headSha,
    String headRef,
    String repo,
    Optional<String> headRepo,
    String sender,
    boolean merged) {

  /** The {@code X-GitHub-Event} header value of these deliveries. */
  public static final String EVENT = "pull_request";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public PullRequestEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rawAction, "rawAction");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(headRepo, "headRepo");
    Objects.requireNonNull(sender, "sender");
  }

  /**
   * Whether the head branch is not in the repository itself: code from outside, which a preview
   * would run with the cluster's credentials. Whether to build such previews is a policy for the
   * caller.
   */
  public boolean fromFork() {
    return !headRepo.map(repo::equalsIgnoreCase).orElse(false);
  }

  /**
   * The event in a delivery's raw body.
   *
   * @throws WebhookPayloadException if it is not JSON or lacks a field named above
   */
  public static PullRequestEvent parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new WebhookPayloadException(
          "the pull_request delivery is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new WebhookPayloadException("the pull_request delivery cannot be read", e);
    }
    if (root == null || !root.isObject()) {
      throw new WebhookPayloadException("the pull_request delivery is not a JSON object", null);
    }
    List<String> missing = new ArrayList<>();
    String action = text(root, missing, "action");
    JsonNode pr = root.path("pull_request");
    int number =
        pr.path("number").canConvertToInt() && pr.path("number").isIntegralNumber()
            ? pr.path("number").asInt()
            : missing(missing, "pull_request.number");
    String headSha = text(root, missing, "pull_request", "head", "sha");
    String headRef = text(root, missing, "pull_request", "head", "ref");
    String repo = text(root, missing, "repository", "full_name");
    String sender = text(root, missing, "sender", "login");
    if (!missing.isEmpty()) {
      throw new WebhookPayloadException(
          "the pull_request delivery lacks " + String.join(", ", missing), null);
    }
    JsonNode headRepo = pr.path("head").path("repo").path("full_name");
    return new PullRequestEvent(
        PullRequestAction.of(action),
        action,
        number,
        headSha,
        headRef,
        repo,
        headRepo.isTextual() ? Optional.of(headRepo.asText()) : Optional.empty(),
        sender,
        pr.path("merged").asBoolean(false));
  }

  private static String text(JsonNode root, List<String> missing, String... path) {
    JsonNode node = root;
    for (String segment : path) {
      node = node.path(segment);
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      missing(missing, String.join(".", path));
      return "";
    }
    return node.asText();
  }

  private static int missing(List<String> missing, String field) {
    missing.add(field);
    return 0;
  }
}
