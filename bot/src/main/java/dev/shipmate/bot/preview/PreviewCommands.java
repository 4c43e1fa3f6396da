package dev.shipmate.bot.preview;

import dev.shipmate.bot.dispatch.CommandOrigin;
import dev.shipmate.bot.dispatch.Reply;
import dev.shipmate.commands.Command;
import dev.shipmate.config.Durations;
import dev.shipmate.config.Previews;
import dev.shipmate.engine.StartRequest;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.pipelines.github.GitHubException;
import dev.shipmate.pipelines.github.GitHubGateway;
import dev.shipmate.pipelines.preview.LimitDecision;
import dev.shipmate.pipelines.preview.Preview;
import dev.shipmate.pipelines.preview.PreviewDownPipeline;
import dev.shipmate.pipelines.preview.PreviewDownRequest;
import dev.shipmate.pipelines.preview.PreviewExtendPipeline;
import dev.shipmate.pipelines.preview.PreviewExtendRequest;
import dev.shipmate.pipelines.preview.PreviewGateway;
import dev.shipmate.pipelines.preview.PreviewUpPipeline;
import dev.shipmate.pipelines.preview.PreviewUpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /env up|down|list|extend}: each answer is in words, for the person who typed it. {@code
 * up}, {@code down} and {@code extend} start runs (reported on a card in {@code previews.channel},
 * else {@code slack.channel}, else where the command was typed); {@code list} reads the cluster.
 * Anyone who may use Shipmate may manage previews: they hold no production data.
 *
 * <p>Every one of them reads the cluster (and {@code up} GitHub) before it knows what to answer, so
 * each answers after the ack ({@link Reply#deferred}, {@link Reply#later}): Slack gives an ack 3 s,
 * and a slow API server must not make the command fail with {@code dispatch_failed}.
 */
final class PreviewCommands {
  /** What the Extend button adds to a preview. */
  static final Duration BUTTON_EXTENSION = Duration.ofHours(24);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final PreviewSetup setup;
  private final Optional<String> defaultChannel;
  private final Clock clock;

  PreviewCommands(PreviewSetup setup, Optional<String> defaultChannel, Clock clock) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Reply down(Command.EnvDown down, CommandOrigin origin) {
    int pr = down.pr();
    return Reply.deferred(
        "Looking for pr-" + pr + "'s preview; Shipmate tells you here what it does.",
        () -> down(pr, origin),
        "remove pr-" + pr + "'s preview");
  }

  Reply extend(Command.EnvExtend extend, CommandOrigin origin) {
    int pr = extend.pr();
    return Reply.deferred(
        "Looking for pr-" + pr + "'s preview; Shipmate tells you here what it does.",
        () -> extend(pr, extend.by(), origin.userId(), origin.channelId()),
        "extend pr-" + pr + "'s preview");
  }

  Reply list(Command.EnvList list, CommandOrigin origin) {
    return Reply.later("Reading the previews…", this::list, "list the previews");
  }

  /**
   * The Extend button: {@link #BUTTON_EXTENSION} more for {@code pr}. Reads the cluster: call it
   * after the click was acknowledged.
   */
  Reply extendFromButton(int pr, String userId, String channelId) {
    return extend(pr, BUTTON_EXTENSION, userId, channelId);
  }

  Reply up(Command.EnvUp up, CommandOrigin origin) {
    int pr = up.pr();
    return Reply.deferred(
        "Checking pr-" + pr + " and the previews; Shipmate tells you here what it starts.",
        () -> upNow(up, origin),
        "start pr-" + pr + "'s preview");
  }

  private Reply upNow(Command.EnvUp up, CommandOrigin origin) {
    int pr = up.pr();
    PreviewGateway gateway = setup.parts().gateway();
    Optional<Preview> existing = gateway.find(setup.parts().site().namespace(pr));
    Optional<String> ref = up.ref();
    if (ref.isEmpty()) {
      Optional<GitHubGateway.PullRequestHead> head;
      try {
        head = head(pr);
      } catch (GitHubException e) {
        return Reply.notStarted(
            "GitHub did not say which commit is at the head of pull request #"
                + pr
                + " ("
                + e.getMessage()
                + "). Say which build to run: /env up pr-"
                + pr
                + " --ref <sha|tag>.");
      }
      Optional<String> repo = setup.config().github().map(Previews.GitHub::repo);
      if (head.isPresent() && repo.isPresent() && head.get().fromForkOf(repo.get())) {
        // The webhook ignores fork pull requests; a command must not run their code unasked.
        return Reply.notStarted(
            "pull request #"
                + pr
                + " comes from a fork ("
                + head.get().repo().orElse("a repository GitHub no longer names")
                + "), and its code would run with the cluster's credentials. Review it, then say"
                + " which build to run: /env up pr-"
                + pr
                + " --ref <sha>.");
      }
      ref = head.map(GitHubGateway.PullRequestHead::sha).or(() -> existing.map(Preview::ref));
    }
    if (ref.isEmpty()) {
      return Reply.notStarted(
          "pr-"
              + pr
              + " has no preview yet, so say which build to run: /env up pr-"
              + pr
              + " --ref <sha|tag>.");
    }
    if (existing.isEmpty()
        && setup.parts().limits().check(gateway.list(), pr) instanceof LimitDecision.Refused no) {
      return Reply.notStarted(no.message());
    }
    return start(
        PreviewUpPipeline.TYPE,
        new PreviewUpRequest(pr, ref.get(), up.ttl()),
        origin.userId(),
        origin.channelId());
  }

  /** The pull request's head on GitHub, when GitHub is configured; empty otherwise. */
  private Optional<GitHubGateway.PullRequestHead> head(int pr) {
    Optional<String> repo = setup.config().github().map(Previews.GitHub::repo);
    if (repo.isEmpty() || setup.gitHubApi().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(setup.gitHubApi().get().head(repo.get(), pr));
  }

  private Reply down(int pr, CommandOrigin origin) {
    if (setup.parts().gateway().find(setup.parts().site().namespace(pr)).isEmpty()) {
      return Reply.refusal(
          "There is no preview for pr-" + pr + ", so nothing was started. /env list shows them.");
    }
    return start(
        PreviewDownPipeline.TYPE,
        new PreviewDownRequest(pr, "asked by <@" + origin.userId() + ">"),
        origin.userId(),
        origin.channelId());
  }

  private Reply extend(int pr, Duration by, String userId, String channelId) {
    if (setup.parts().gateway().find(setup.parts().site().namespace(pr)).isEmpty()) {
      return Reply.refusal(
          "There is no preview for pr-"
              + pr
              + " to extend, so nothing was started. /env list shows them; /env up pr-"
              + pr
              + " --ref <sha|tag> makes one.");
    }
    return start(PreviewExtendPipeline.TYPE, new PreviewExtendRequest(pr, by), userId, channelId);
  }

  private String list() {
    List<Preview> previews = setup.parts().gateway().list();
    if (previews.isEmpty()) {
      return "There are no previews. /env up pr-<number> --ref <sha|tag> makes one.";
    }
    Instant now = clock.instant();
    StringBuilder text = new StringBuilder("Previews (" + previews.size() + "):");
    for (Preview p : previews) {
      text.append("\n• ")
          .append(p.handle())
          .append(" — ")
          .append(p.status().word())
          .append(", by ")
          .append(owner(p.owner()))
          .append(", ")
          .append(Durations.format(age(p.created(), now)))
          .append(" old, expires ")
          .append(TIME.format(p.expiresAt()))
          .append(", ")
          .append(p.ref())
          .append(" — ")
          .append(p.url());
    }
    return text.toString();
  }

  /** Anyone may start a preview's runs: they hold no production data. */
  private Reply start(String pipeline, Record params, String userId, String channelId) {
    String channel = setup.config().channel().or(() -> defaultChannel).orElse(channelId);
    return Reply.startUnguarded(
        StartRequest.of(pipeline, params, userId).replyTo(ReplyAddress.channel(channel)));
  }

  /** A Slack user id is shown as a mention; a GitHub login as it is. */
  static String owner(String owner) {
    return owner.matches("[UW][A-Z0-9]{2,}") ? "<@" + owner + ">" : owner;
  }

  private static Duration age(Instant created, Instant now) {
    Duration age = Duration.between(created, now);
    return age.isNegative() ? Duration.ZERO : Duration.ofMinutes(age.toMinutes());
  }
}
