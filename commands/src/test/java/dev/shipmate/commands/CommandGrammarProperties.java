package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.commands.Command.Cancel;
import dev.shipmate.commands.Command.CutoverAbort;
import dev.shipmate.commands.Command.CutoverShift;
import dev.shipmate.commands.Command.CutoverShift.Steps;
import dev.shipmate.commands.Command.CutoverStatus;
import dev.shipmate.commands.Command.Deploy;
import dev.shipmate.commands.Command.DeployHistory;
import dev.shipmate.commands.Command.Drift;
import dev.shipmate.commands.Command.EnvDown;
import dev.shipmate.commands.Command.EnvExtend;
import dev.shipmate.commands.Command.EnvList;
import dev.shipmate.commands.Command.EnvUp;
import dev.shipmate.commands.Command.Help;
import dev.shipmate.commands.Command.Rollback;
import dev.shipmate.commands.Command.Runs;
import dev.shipmate.commands.Command.Upgrade;
import dev.shipmate.commands.Command.UpgradePause;
import dev.shipmate.commands.Command.UpgradeResume;
import dev.shipmate.commands.Command.UpgradeStatus;
import dev.shipmate.commands.Command.WhatsDeployed;
import dev.shipmate.commands.ParseResult.Parsed;
import dev.shipmate.commands.ParseResult.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the grammar over text of any shape: it never throws, always answers, and what it
 * writes out it reads back.
 */
@Label("CommandGrammar properties")
class CommandGrammarProperties {
  private static final Pattern SUGGESTED_COMMAND =
      Pattern.compile("did you mean `(/[^` ]+ [^`]+)`");

  /** The grammar's own words, and the mistakes people make with them. */
  private static final List<String> VOCABULARY =
      List.of(
          // command words
          "history",
          "up",
          "down",
          "extend",
          "list",
          "status",
          "abort",
          "pause",
          "resume",
          "help",
          "to",
          "upp",
          "stauts",
          "histroy",
          "too",
          "/deploy",
          "/env",
          "deploy",
          // names, near names and names of another kind
          "web",
          "api",
          "worker",
          "staging",
          "prod",
          "prod-eu",
          "dev",
          "www",
          "shop",
          "wbe",
          "prdo",
          "stag",
          "ww",
          "qa",
          "WEB",
          // options
          "--dry-run",
          "--dryrun",
          "-dry-run",
          "--ref",
          "--ttl",
          "--step",
          "--every",
          "--ttl=48h",
          "--step=25%",
          "--every=10m",
          "--ref=v1.2",
          "\u2014dry-run",
          "--help",
          "-h",
          "--",
          "-",
          "--dry-run=yes",
          // numbers, percentages and durations
          "0",
          "25",
          "100",
          "123",
          "-5",
          "12345678901",
          "0%",
          "25%",
          "50%",
          "100%",
          "120%",
          "-5%",
          "25.5%",
          "%",
          "10m",
          "24h",
          "1h30m",
          "0m",
          "7d",
          "24",
          // pull requests and run ids
          "pr-123",
          "#123",
          "PR-1",
          "pr-0",
          "#",
          "d-4k2p",
          "D-4K2P",
          "4k2p",
          // versions
          "v1.2",
          "1.2.3",
          "sha-abc123",
          "1.31",
          "v1.31",
          "1.31.2",
          "latest",
          "v1.2!",
          // what Slack and people paste
          "<service>",
          "[--dry-run]",
          "&lt;x&gt;",
          "&amp;",
          "\u201cweb\u201d",
          "`prod`",
          "<https://x.example|web>",
          "<@U123>",
          "\uff05",
          "?");

  private static final List<String> SEPARATORS =
      List.of(" ", " ", " ", "  ", "\t", "\u00a0", "\u200b ", "\n");

  /** Words each command takes, so that soups for it often come close to a valid command. */
  private static final Map<String, List<String>> OWN_WORDS =
      Map.of(
          "/deploy",
          List.of("web", "api", "prod", "staging", "v1.2", "history", "--dry-run"),
          "/rollback",
          List.of("web", "prod", "staging", "to", "v1.1"),
          "/env",
          List.of("up", "down", "extend", "list", "pr-12", "#7", "24h", "--ref", "--ttl"),
          "/cutover",
          List.of("www", "shop", "25%", "100%", "status", "abort", "--step", "--every", "10m"),
          "/upgrade",
          List.of("prod-eu", "dev", "1.31", "v1.30", "status", "pause", "resume"),
          "/drift",
          List.of("prod-eu", "dev"),
          "/runs",
          List.of("all"),
          "/cancel",
          List.of("d-4k2p", "x-00000"),
          "/shipmate",
          List.of("help", "deploy", "/env"),
          "/whats-deployed",
          List.of("web", "worker"));

  private final CommandGrammar several = new CommandGrammar(Catalogs.several());
  private final CommandGrammar single = new CommandGrammar(Catalogs.single());

  @Property(tries = 500)
  @Label("no text of any shape throws: every input is parsed or rejected with a reason")
  void anyText(@ForAll("slashes") String slash, @ForAll @StringLength(max = 300) String text) {
    answersProperly(several, slash, text);
    answersProperly(single, slash, text);
  }

  @Property(tries = 1500)
  @Label("token soups from the grammar's own words reach its deep branches and always answer")
  void tokenSoups(@ForAll("soups") Tuple2<String, String> command) {
    ParseResult result = answersProperly(several, command.get1(), command.get2());
    answersProperly(single, command.get1(), command.get2());

    Statistics.label("outcome").collect(outcome(result));
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("parsed").percentage(p -> p >= 5);
              coverage.check("missing").percentage(p -> p >= 5);
              coverage.check("extra").percentage(p -> p >= 2);
              coverage.check("not valid here").percentage(p -> p >= 5);
              coverage.check("option").percentage(p -> p >= 2);
              coverage.check("did you mean a name or word").percentage(p -> p >= 1);
            });
  }

  @Property(tries = 500)
  @Label("words of a valid command typed in another order: read the same, or 'did you mean' it")
  void shuffledWords(@ForAll("unmistakableCommands") Command command, @ForAll Random random) {
    // given the command written out, its options last
    List<String> words = new ArrayList<>(List.of(command.commandLine().split(" ")));
    String slash = words.remove(0);
    int options = words.size();
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).startsWith("--")) {
        options = i;
        break;
      }
    }
    List<String> positional = new ArrayList<>(words.subList(0, options));
    Collections.shuffle(positional, random);
    positional.addAll(words.subList(options, words.size()));
    // when its positional words come in another order
    ParseResult result = several.parse(slash, String.join(" ", positional));
    // then
    if (result instanceof Rejected rejected) {
      assertThat(rejected.reason())
          .isEqualTo(
              "the arguments are in the wrong order — did you mean `"
                  + command.commandLine()
                  + "`?");
    } else {
      assertThat(result).isEqualTo(new Parsed(command));
    }
  }

  @Property(tries = 300)
  @Label("a progressive cutover parses for any target and step, a step larger than the target too")
  void anyStepTowardsAnyTarget(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 100) int target,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 100) int step) {
    ParseResult result =
        several.parse("/cutover", "www " + target + "% --step " + step + "% --every 10m");

    assertThat(result)
        .isEqualTo(
            new Parsed(
                new CutoverShift(
                    "www",
                    target,
                    java.util.Optional.of(new Steps(step, Duration.ofMinutes(10))),
                    false)));
  }

  @Property(tries = 500)
  @Label("a valid command's command line reads back as the same command")
  void roundTrip(@ForAll("commands") Command command) {
    assertThat(parse(several, command.commandLine())).isEqualTo(new Parsed(command));
  }

  @Property(tries = 200)
  @Label("with one name of each kind, a full command line still reads back as itself")
  void roundTripWithSingleNames(@ForAll("singleCatalogCommands") Command command) {
    assertThat(parse(single, command.commandLine())).isEqualTo(new Parsed(command));
  }

  /**
   * Whatever the text: an answer, never an exception; a rejection with a reason and a usage; a
   * parse whose command writes itself out and reads back; a "did you mean" that parses.
   */
  private static ParseResult answersProperly(CommandGrammar grammar, String slash, String text) {
    ParseResult result = grammar.parse(slash, text);
    assertThat(result).isNotNull();
    if (result instanceof Rejected rejected) {
      assertThat(rejected.reason()).isNotBlank();
      assertThat(rejected.usage()).isNotBlank();
      Matcher suggested = SUGGESTED_COMMAND.matcher(rejected.reason());
      while (suggested.find()) {
        assertThat(parse(grammar, suggested.group(1)))
            .as("the suggestion in: %s", rejected.reason())
            .isInstanceOf(Parsed.class);
      }
    } else {
      Command command = ((Parsed) result).command();
      assertThat(command.summary()).isNotBlank();
      assertThat(parse(grammar, command.commandLine())).as("%s %s", slash, text).isEqualTo(result);
    }
    return result;
  }

  private static ParseResult parse(CommandGrammar grammar, String commandLine) {
    int space = commandLine.indexOf(' ');
    return space < 0
        ? grammar.parse(commandLine, "")
        : grammar.parse(commandLine.substring(0, space), commandLine.substring(space + 1));
  }

  private static String outcome(ParseResult result) {
    if (result instanceof Parsed) {
      return "parsed";
    }
    String reason = ((Rejected) result).reason();
    if (reason.startsWith("the arguments are in the wrong order")) {
      return "wrong order";
    }
    if (reason.startsWith("ambiguous")) {
      return "ambiguous";
    }
    if (reason.startsWith("missing")) {
      return "missing";
    }
    if (reason.startsWith("extra")) {
      return "extra";
    }
    if (reason.contains("option") || reason.startsWith("`--")) {
      return "option";
    }
    if (reason.contains("did you mean")) {
      return "did you mean a name or word";
    }
    return "not valid here";
  }

  @Provide
  Arbitrary<String> slashes() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(CommandGrammar.SLASH_COMMANDS)),
        Tuple.of(1, Arbitraries.of("/deplyo", "", "deploy", "/DEPLOY", "/launch")),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
  }

  /** A slash command, and words mostly its own, some from the whole vocabulary, some random. */
  @Provide
  Arbitrary<Tuple2<String, String>> soups() {
    return slashes()
        .flatMap(
            slash -> {
              Arbitrary<String> word =
                  Arbitraries.frequencyOf(
                      Tuple.of(8, Arbitraries.of(OWN_WORDS.getOrDefault(slash, VOCABULARY))),
                      Tuple.of(6, Arbitraries.of(VOCABULARY)),
                      Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
              Arbitrary<String> piece =
                  Combinators.combine(word, Arbitraries.of(SEPARATORS)).as((w, s) -> w + s);
              return piece
                  .list()
                  .ofMaxSize(5)
                  .map(pieces -> Tuple.of(slash, String.join("", pieces)));
            });
  }

  @Provide
  Arbitrary<Command> commands() {
    return commandsOver(Catalogs.several(), imageTags());
  }

  @Provide
  Arbitrary<Command> singleCatalogCommands() {
    return commandsOver(Catalogs.single(), imageTags());
  }

  /** Commands whose every word has a shape no other word has (no tag like "latest"). */
  @Provide
  Arbitrary<Command> unmistakableCommands() {
    return commandsOver(Catalogs.several(), versionLikeTags());
  }

  /** Every kind of command, with any valid values, over the names of one catalog. */
  private static Arbitrary<Command> commandsOver(Catalog catalog, Arbitrary<String> tags) {
    Arbitrary<String> service = Arbitraries.of(catalog.services());
    Arbitrary<String> environment = Arbitraries.of(catalog.environments());
    Arbitrary<String> cluster = Arbitraries.of(catalog.clusters());
    Arbitrary<String> cutover = Arbitraries.of(catalog.cutovers());
    Arbitrary<Boolean> dryRun = Arbitraries.of(true, false);
    Arbitrary<Integer> pr = Arbitraries.integers().between(1, 999_999_999);
    Arbitrary<Duration> duration =
        Arbitraries.longs().between(1, 90L * 24 * 3600).map(Duration::ofSeconds);
    List<Arbitrary<? extends Command>> kinds = new ArrayList<>();
    kinds.add(Combinators.combine(service, tags, environment, dryRun).as(Deploy::new));
    kinds.add(Combinators.combine(service, environment).as(DeployHistory::new));
    kinds.add(service.map(WhatsDeployed::new));
    kinds.add(Combinators.combine(service, environment, tags.optional()).as(Rollback::new));
    kinds.add(Combinators.combine(pr, gitRefs().optional(), duration.optional()).as(EnvUp::new));
    kinds.add(pr.map(EnvDown::new));
    kinds.add(Combinators.combine(pr, duration).as(EnvExtend::new));
    kinds.add(Arbitraries.just(new EnvList()));
    kinds.add(
        Combinators.combine(cutover, Arbitraries.integers().between(0, 100), dryRun)
            .flatAs(
                (name, percent, dry) ->
                    steps(duration).map(steps -> new CutoverShift(name, percent, steps, dry))));
    kinds.add(cutover.map(CutoverStatus::new));
    kinds.add(cutover.map(CutoverAbort::new));
    kinds.add(Combinators.combine(cluster, kubernetesVersions(), dryRun).as(Upgrade::new));
    kinds.add(cluster.map(UpgradeStatus::new));
    kinds.add(cluster.map(UpgradePause::new));
    kinds.add(cluster.map(UpgradeResume::new));
    kinds.add(cluster.optional().map(Drift::new));
    kinds.add(Arbitraries.just(new Runs()));
    kinds.add(runIds().map(Cancel::new));
    kinds.add(
        Arbitraries.of(
                Stream.concat(
                        Stream.of((String) null),
                        CommandGrammar.SLASH_COMMANDS.stream().map(s -> s.substring(1)))
                    .toList())
            .map(topic -> new Help(java.util.Optional.ofNullable(topic))));
    return Arbitraries.oneOf(kinds);
  }

  /** Any step from 1% to 100%, whatever the target: steps go up or down from the live share. */
  private static Arbitrary<java.util.Optional<Steps>> steps(Arbitrary<Duration> every) {
    return Combinators.combine(Arbitraries.integers().between(1, 100), every)
        .as(Steps::new)
        .optional();
  }

  /**
   * Docker's tag syntax: a word character, then word characters, '.' and '-'; but not the words of
   * the command itself, which the grammar refuses as versions.
   */
  private static Arbitrary<String> imageTags() {
    Arbitrary<Character> first = Arbitraries.chars().alpha().numeric().with('_');
    Arbitrary<String> rest =
        Arbitraries.strings().alpha().numeric().withChars('_', '.', '-').ofMaxLength(20);
    return Combinators.combine(first, rest)
        .as((f, r) -> f + r)
        .filter(tag -> !Set.of("history", "to").contains(tag.toLowerCase(Locale.ROOT)));
  }

  private static Arbitrary<String> versionLikeTags() {
    Arbitrary<Integer> part = Arbitraries.integers().between(0, 300);
    return Arbitraries.oneOf(
        Combinators.combine(part, part).as((major, minor) -> "v" + major + "." + minor),
        Combinators.combine(part, part, part).as((a, b, c) -> a + "." + b + "." + c),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(7).map(h -> "sha-" + h));
  }

  private static Arbitrary<String> gitRefs() {
    Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> rest =
        Arbitraries.strings().alpha().numeric().withChars('_', '.', '-', '/').ofMaxLength(20);
    return Combinators.combine(first, rest)
        .as((f, r) -> f + r)
        .filter(
            ref ->
                !ref.contains("..")
                    && !ref.contains("//")
                    && !ref.endsWith("/")
                    && !ref.endsWith(".")
                    && !ref.endsWith(".lock"));
  }

  private static Arbitrary<String> kubernetesVersions() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 40))
        .as((major, minor) -> major + "." + minor);
  }

  private static Arbitrary<String> runIds() {
    Arbitrary<Character> pipeline = Arbitraries.chars().range('a', 'z');
    Arbitrary<String> id =
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(4).ofMaxLength(12);
    return Combinators.combine(pipeline, id).as((p, i) -> p + "-" + i);
  }
}
