package dev.shipmate.bot.local;

import dev.shipmate.sandbox.github.SimulatedGitHub;
import dev.shipmate.sandbox.world.SimulatedWorld;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's words that act on the simulated world rather than on Shipmate: what a person would
 * do outside Slack (make the green stack unhealthy, look at the pull request on GitHub).
 */
final class WorldCommands {

  /** What {@code help} adds. */
  static final String HELP =
      String.join(
          "\n",
          "  green fail                  the cutover's green stack answers 503 (a bake then reverts)",
          "  green heal                  it answers 200 again (the default)",
          "  pr 123                      pull request 123 on the GitHub stand-in: statuses, comment",
          "  pr 123 close                close it: GitHub's webhook tells Shipmate, which removes"
              + " its preview",
          "  drift now                   the scheduled drift report, now rather than at its time");

  private final SimulatedWorld world;
  private final String repo;
  private final Optional<Runnable> driftReport;
  private final URI webhook;

  /**
   * @param repo the previews' GitHub repository ({@code acme/web}), or empty when there is none
   * @param driftReport fires the scheduled drift report now; empty without {@code drift:}
   * @param webhook the bot's GitHub webhook endpoint
   */
  WorldCommands(SimulatedWorld world, String repo, Optional<Runnable> driftReport, URI webhook) {
    this.world = world;
    this.repo = repo;
    this.driftReport = driftReport;
    this.webhook = webhook;
  }

  /** The answer to {@code typed} when it is one of these words; empty when it is not. */
  Optional<String> run(String typed) {
    String[] words = typed.strip().split("\\s+");
    if (words.length == 2 && words[0].equals("green")) {
      switch (words[1]) {
        case "fail" -> {
          world.greenHealth().fail();
          return Optional.of(
              "The green stack now answers 503 at " + world.greenHealth().url() + ".");
        }
        case "heal" -> {
          world.greenHealth().heal();
          return Optional.of(
              "The green stack now answers 200 at " + world.greenHealth().url() + ".");
        }
        default -> {
          return Optional.of("Type green fail or green heal.");
        }
      }
    }
    if (words.length == 2 && words[0].equals("drift") && words[1].equals("now")) {
      if (driftReport.isEmpty()) {
        return Optional.of(
            "The configuration has no drift section, so there is no report to fire.");
      }
      driftReport.get().run();
      return Optional.of(
          "The scheduled drift report fires now: it goes to the drift channel, as at its time.");
    }
    if (words.length == 3 && words[0].equals("pr") && words[2].equals("close")) {
      if (!words[1].matches("\\d{1,9}") || repo.isEmpty()) {
        return Optional.of(
            repo.isEmpty()
                ? "The configuration names no previews.github.repo."
                : "Type pr, a pull request number and close, like: pr 123 close");
      }
      int status = world.github().closePullRequest(repo, Integer.parseInt(words[1]), webhook);
      return Optional.of(
          repo
              + "#"
              + words[1]
              + " is closed; GitHub's webhook got HTTP "
              + status
              + (status / 100 == 2 ? "." : " (is GITHUB_WEBHOOK_SECRET the stand-in's?)."));
    }
    if (words.length == 2 && words[0].equals("pr")) {
      if (!words[1].matches("\\d{1,9}")) {
        return Optional.of("Type pr and a pull request number, like: pr 123");
      }
      return Optional.of(pullRequest(Integer.parseInt(words[1])));
    }
    return Optional.empty();
  }

  private String pullRequest(int number) {
    if (repo.isEmpty()) {
      return "The configuration names no previews.github.repo, so nothing reports to GitHub.";
    }
    SimulatedGitHub github = world.github();
    List<SimulatedGitHub.Comment> comments = github.comments(repo, number);
    String heads =
        number == SimulatedWorld.EXAMPLE_PULL_REQUEST
            ? " (head " + SimulatedWorld.EXAMPLE_HEAD.substring(0, 7) + ")"
            : "";
    String statuses =
        github.statuses(SimulatedWorld.EXAMPLE_HEAD).stream()
            .map(s -> s.context() + ": " + s.state())
            .collect(Collectors.joining(" → "));
    StringBuilder text = new StringBuilder(repo + "#" + number + heads + " on the GitHub stand-in");
    if (number == SimulatedWorld.EXAMPLE_PULL_REQUEST) {
      text.append("\n  commit statuses: ").append(statuses.isEmpty() ? "none yet" : statuses);
    }
    text.append(
        comments.isEmpty()
            ? "\n  no comment yet"
            : comments.stream()
                .map(
                    c ->
                        "\n  comment (edited "
                            + c.edits()
                            + "×):\n    "
                            + c.body().replace("\n", "\n    "))
                .collect(Collectors.joining()));
    return text.toString();
  }
}
