package dev.shipmate.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.shipmate.commands.ParseResult.Rejected;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A command that cannot run is rejected with what was wrong and what to type")
class RejectionsTest {
  private final CommandGrammar grammar = new CommandGrammar(Catalogs.several());

  static Stream<Arguments> rejections() {
    return Stream.of(
        // names: a near typo gets a suggestion, anything else the list of known names
        arguments("/deploy", "wbe v1.2 prod", "no service 'wbe' — did you mean 'web'?"),
        arguments("/deploy", "web v1.2 prdo", "no environment 'prdo' — did you mean 'prod'?"),
        arguments("/deploy", "web v1.2 stag", "no environment 'stag' — did you mean 'staging'?"),
        arguments("/deploy", "web v1.2 qa", "no environment 'qa' (known: staging, prod)"),
        arguments("/deploy", "db v1.2 prod", "no service 'db' (known: web, api, worker)"),
        arguments(
            "/whats-deployed",
            "prod",
            "'prod' is an environment, not a service (known: web, api, worker)"),
        arguments("/upgrade", "prod 1.31", "no cluster 'prod' — did you mean 'prod-eu'?"),
        arguments("/drift", "deev", "no cluster 'deev' — did you mean 'dev'?"),
        arguments("/cutover", "ww 25%", "no cutover 'ww' — did you mean 'www'?"),
        // subcommands and options
        arguments("/env", "upp 123", "unknown subcommand 'upp' — did you mean `up`?"),
        arguments("/env", "dwon 123", "unknown subcommand 'dwon' — did you mean `down`?"),
        arguments(
            "/env", "xyz 123", "unknown subcommand 'xyz' (`/env` knows up, down, extend or list)"),
        arguments(
            "/deploy",
            "histroy web prod",
            "unknown subcommand 'histroy' — did you mean `history`?"),
        arguments("/cutover", "www stauts", "unknown subcommand 'stauts' — did you mean `status`?"),
        arguments(
            "/upgrade", "prod-eu pasue", "unknown subcommand 'pasue' — did you mean `pause`?"),
        arguments("/rollback", "web prod too v1.1", "unknown word 'too' — did you mean `to`?"),
        arguments(
            "/deploy",
            "web v1.2 prod --dryrun",
            "unknown option '--dryrun' — did you mean `--dry-run`?"),
        arguments(
            "/deploy",
            "web v1.2 prod -dry-run",
            "unknown option '-dry-run' — did you mean `--dry-run`?"),
        arguments("/env", "up 12 --tll 4h", "unknown option '--tll' — did you mean `--ttl`?"),
        arguments(
            "/env", "up 12 --force", "unknown option '--force' (`/env` takes `--ref` and `--ttl`)"),
        arguments(
            "/runs", "--dry-run", "`--dry-run` is not an option of `/runs`, which takes none"),
        arguments("/runs", "--all", "unknown option '--all': `/runs` takes no options"),
        arguments(
            "/deploy",
            "web v1.2 prod --ttl 4h",
            "`--ttl` is not an option of `/deploy`, which takes `--dry-run`, `--break-glass` and"
                + " `--queue`"),
        arguments("/env", "down 12 --ttl 4h", "`--ttl` is not an option of `/env down`"),
        arguments(
            "/cutover",
            "www status --dry-run",
            "`--dry-run` is not an option of `/cutover status`"),
        arguments("/deploy", "web v1.2 prod --dry-run --dry-run", "`--dry-run` is given twice"),
        arguments("/deploy", "web v1.2 prod --dry-run=yes", "`--dry-run` takes no value"),
        arguments("/env", "up 12 --ttl", "`--ttl` needs a value: a duration (like 24h)"),
        arguments(
            "/env",
            "up 12 --ref --ttl 4h",
            "`--ref` needs a value: a commit sha or tag (like v1.2)"),
        // arguments in the wrong order
        arguments(
            "/deploy",
            "web prod v1.2",
            "the arguments are in the wrong order — did you mean `/deploy web v1.2 prod`?"),
        arguments(
            "/deploy",
            "prod web v1.2 --dry-run",
            "the arguments are in the wrong order — did you mean `/deploy web v1.2 prod --dry-run`?"),
        arguments(
            "/rollback",
            "prod web",
            "the arguments are in the wrong order — did you mean `/rollback web prod`?"),
        arguments(
            "/upgrade",
            "1.31 prod-eu",
            "the arguments are in the wrong order — did you mean `/upgrade prod-eu 1.31`?"),
        arguments(
            "/cutover",
            "25% www",
            "the arguments are in the wrong order — did you mean `/cutover www 25%`?"),
        arguments(
            "/env",
            "123 up",
            "the arguments are in the wrong order — did you mean `/env up pr-123`?"),
        arguments(
            "/deploy",
            "web history prod",
            "the arguments are in the wrong order — did you mean `/deploy history web prod`?"),
        // missing arguments name the missing one
        arguments("/deploy", "web prod", "missing the version (like v1.2)"),
        arguments(
            "/deploy",
            "web",
            "missing the version (like v1.2) and the environment (known: staging, prod)"),
        arguments(
            "/deploy",
            "",
            "missing the service (known: web, api, worker), the version (like v1.2) and the environment (known: staging, prod)"),
        arguments("/deploy", "history web", "missing the environment (known: staging, prod)"),
        arguments("/whats-deployed", "", "missing the service (known: web, api, worker)"),
        arguments("/rollback", "web", "missing the environment (known: staging, prod)"),
        arguments("/rollback", "web prod to", "missing the version (like v1.2)"),
        arguments(
            "/rollback",
            "web prod v1.1",
            "missing `to` — did you mean `/rollback web prod to v1.1`?"),
        arguments("/env", "", "missing the subcommand: `up`, `down`, `extend` or `list`"),
        arguments("/env", "up", "missing the pull request (like pr-123)"),
        arguments("/env", "123", "missing `up`, `down` or `extend`"),
        arguments("/env", "123 24h", "missing `extend` — did you mean `/env extend pr-123 1d`?"),
        arguments("/env", "extend pr-1", "missing the duration (like 24h)"),
        arguments(
            "/cutover", "", "missing the cutover (known: www, shop) and the percentage (like 25%)"),
        arguments("/cutover", "25%", "missing the cutover (known: www, shop)"),
        arguments("/cutover", "www", "missing the percentage (like 25%), `status` or `abort`"),
        arguments("/upgrade", "1.31", "missing the cluster (known: prod-eu, dev)"),
        arguments(
            "/upgrade",
            "prod-eu",
            "missing the Kubernetes version (like 1.31), `status`, `pause` or `resume`"),
        arguments("/cancel", "", "missing the run id (like d-4k2p; `/runs` lists them)"),
        arguments("/freeze", "prod", "missing the duration (like 24h)"),
        arguments("/freeze", "prd 2h \"party\"", "no target 'prd' — did you mean 'prod'?"),
        arguments(
            "/unfreeze", "", "missing the target (known: staging, prod, prod-eu, dev, www, shop)"),
        arguments(
            "/deploy",
            "web v1.2 prod --break-glass",
            "`--break-glass` needs a value: a reason in quotes (like \"release party\")"),
        arguments("/shipmate", "deploy", "missing `help` — did you mean `/shipmate help deploy`?"),
        // extra arguments are named
        arguments("/deploy", "web v1.2 prod now", "extra argument 'now'"),
        arguments(
            "/deploy",
            "web v1.2 prod dry-run",
            "extra argument 'dry-run' — did you mean `--dry-run`?"),
        arguments("/deploy", "web v1.2 prod a b c d e", "extra arguments 'a', 'b', 'c' and 2 more"),
        arguments("/env", "list all", "extra argument 'all'"),
        arguments("/runs", "mine", "extra argument 'mine': `/runs` takes none"),
        arguments("/cancel", "d-4k2p d-5k2p", "extra argument 'd-5k2p'"),
        arguments("/rollback", "web prod --queue=yes", "`--queue` takes no value"),
        arguments(
            "/env",
            "down 12 --queue",
            "`--queue` is not an option of `/env`, which takes `--ref` and `--ttl`"),
        arguments(
            "/deploy", "web prod qa", "missing the version (like v1.2), and 'qa' is left over"),
        // values
        arguments(
            "/deploy",
            "web v1.2! prod",
            "'v1.2!' is not a version — version must look like a tag: v1.2, 1.2.3, sha-abc123"),
        arguments(
            "/deploy",
            "web -v1.2 prod",
            "unknown option '-v1.2' (`/deploy` takes `--dry-run`, `--break-glass` and `--queue`)"),
        arguments(
            "/deploy",
            "web .v1 prod",
            "'.v1' is not a version — version must look like a tag: v1.2, 1.2.3, sha-abc123"),
        arguments(
            "/deploy",
            "web " + "v".repeat(129) + " prod",
            "'"
                + "v".repeat(40)
                + "…' is not a version — version must look like a tag: v1.2, 1.2.3, sha-abc123"),
        arguments(
            "/rollback",
            "web prod to v1.1@sha256",
            "'v1.1@sha256' is not a version — version must look like a tag: v1.2, 1.2.3, sha-abc123"),
        arguments("/rollback", "web prod to to", "'to' is a word of `/rollback`, not a version"),
        arguments("/cutover", "www 25", "write the percentage with %: `25%`"),
        arguments("/cutover", "www 120%", "a percentage is from 0% to 100%, not '120%'"),
        arguments("/cutover", "www -5%", "a percentage is from 0% to 100%, not '-5%'"),
        arguments("/cutover", "www 150", "a percentage is from 0% to 100%, not '150'"),
        arguments(
            "/cutover",
            "www 25.5%",
            "a percentage is a whole number from 0% to 100%, like 25%, not '25.5%'"),
        arguments(
            "/cutover", "www xyz", "'xyz' is not a percentage (like 25%), `status` or `abort`"),
        arguments(
            "/cutover",
            "www 100% --step 25%",
            "`--step` needs `--every`, the wait between steps, like `--step 25% --every 10m`"),
        arguments(
            "/cutover",
            "www 100% --every 10m",
            "`--every` needs `--step`, the share of traffic to move each time, like `--step 25% --every 10m`"),
        arguments(
            "/cutover",
            "www 20% --step 0% --every 10m",
            "`--step` must be more than 0%, like `--step 25% --every 10m`"),
        arguments(
            "/cutover",
            "www 20% --step 200% --every 10m",
            "`--step`: a percentage is from 0% to 100%, not '200%'"),
        arguments(
            "/cutover",
            "www 20% --step 5% --every soon",
            "`--every`: 'soon' is not a duration: use a duration like 30s, 10m, 24h, 7d or 1h30m"),
        arguments(
            "/upgrade",
            "prod-eu 1.31.2",
            "'1.31.2' is not a Kubernetes minor version: write major.minor, like 1.31"),
        arguments(
            "/upgrade",
            "prod-eu 131",
            "'131' is not a Kubernetes version (like 1.31), `status`, `pause` or `resume`"),
        arguments("/env", "up abc", "'abc' is not a pull request: write pr-123, #123 or 123"),
        arguments("/env", "up pr-0", "pull request numbers start at 1"),
        arguments(
            "/env", "up 12345678901", "no pull request has a number as large as '12345678901'"),
        arguments(
            "/env",
            "extend pr-1 24",
            "'24' needs a unit: a duration like 30s, 10m, 24h, 7d or 1h30m"),
        arguments(
            "/env",
            "extend pr-1 0m",
            "'0m' is not a duration: use a duration like 30s, 10m, 24h, 7d or 1h30m"),
        arguments(
            "/env",
            "up 12 --ttl forever",
            "`--ttl`: 'forever' is not a duration: use a duration like 30s, 10m, 24h, 7d or 1h30m"),
        arguments(
            "/env",
            "up 12 --ref ../etc",
            "`--ref`: '../etc' is not a commit sha or tag: write one like 3f2a9c1 or v1.2"),
        arguments(
            "/cancel",
            "4k2p",
            "'4k2p' is not a run id: run ids look like d-4k2p (`/runs` lists them)"),
        arguments("/shipmate", "help deplyo", "no command 'deplyo' — did you mean `/deploy`?"),
        arguments(
            "/shipmate", "help nothing", "no command 'nothing' (`/shipmate help` lists them all)"),
        // usage lines copied with their placeholders
        arguments(
            "/deploy",
            "<service> <version> <environment>",
            "'<service>' is a placeholder from the usage line: put a value in its place"),
        arguments(
            "/deploy",
            "web v1.2 prod [--dry-run]",
            "'[--dry-run]': leave out the brackets, they mark what may be left out: `--dry-run`"),
        arguments(
            "/deploy",
            "&lt;service&gt; v1.2 prod",
            "'<service>' is a placeholder from the usage line: put a value in its place"),
        arguments(
            "/env",
            "up 12 --ttl <duration>",
            "'<duration>' is a placeholder from the usage line: put a value in its place"),
        arguments(
            "/deploy", "<@U123> v1.2 prod", "no service '<@U123>' (known: web, api, worker)"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rejections")
  @DisplayName("each mistake gets its own reason")
  void rejectsWithReason(String slash, String text, String reason) {
    // given a configuration with several of each name (the field)
    // when
    ParseResult result = grammar.parse(slash, text);
    // then
    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).isEqualTo(reason);
  }

  @Test
  @DisplayName("the usage of a rejection is the form's usage line and example, from the help text")
  void usageComesFromTheHelpText() {
    Rejected rejected = (Rejected) grammar.parse("/deploy", "wbe v1.2 prod");

    assertThat(rejected.usage())
        .isEqualTo(
            "Usage: `/deploy <service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"] [--queue]`, e.g. `/deploy web v1.2"
                + " prod`");
    assertThat(HelpText.all())
        .contains(
            "`/deploy <service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"] [--queue]` — ",
            "e.g. `/deploy web v1.2 prod`");
    assertThat(rejected.render()).isEqualTo(rejected.reason() + "\n" + rejected.usage());
  }

  @Test
  @DisplayName("when the form is unclear, the usage lists every form of the command")
  void unclearFormListsEveryUsage() {
    Rejected rejected = (Rejected) grammar.parse("/env", "");

    assertThat(rejected.usage())
        .isEqualTo(
            """
            Usage:
            `/env up <pr> [--ref <sha|tag>] [--ttl <duration>]`, e.g. `/env up pr-123 --ttl 48h`
            `/env down <pr>`, e.g. `/env down pr-123`
            `/env extend <pr> <duration>`, e.g. `/env extend pr-123 24h`
            `/env list`""");
  }

  @Test
  @DisplayName("an unknown slash command is rejected, with a suggestion when one is close")
  void unknownSlashCommand() {
    assertThat(grammar.parse("/deplyo", "web v1.2 prod"))
        .isEqualTo(
            new Rejected(
                "unknown command '/deplyo' — did you mean `/deploy`?",
                "`/shipmate help` lists every command."));
    assertThat(grammar.parse("/launch", "rocket"))
        .isEqualTo(
            new Rejected("unknown command '/launch'", "`/shipmate help` lists every command."));
    assertThat(grammar.parse(null, "x"))
        .isEqualTo(new Rejected("no command given", "`/shipmate help` lists every command."));
  }

  @Test
  @DisplayName("without previews configured, every /env command is refused, and says why")
  void envNeedsPreviews() {
    CommandGrammar noPreviews = new CommandGrammar(Catalogs.withoutPreviews());

    ParseResult result = noPreviews.parse("/env", "up pr-1");

    assertThat(((Rejected) result).reason())
        .isEqualTo(
            "preview environments are not set up: add a `previews:` section to shipmate.yaml");
  }

  @Test
  @DisplayName("a kind of name the configuration has none of is refused with where to add one")
  void noNamesOfAKind() {
    CommandGrammar noCutovers =
        new CommandGrammar(
            new Catalog(
                java.util.List.of("web"),
                java.util.List.of("prod"),
                java.util.List.of("c1"),
                java.util.List.of(),
                false));

    assertThat(((Rejected) noCutovers.parse("/cutover", "www 25%")).reason())
        .isEqualTo("no cutover is configured: add one under `cutovers:` in shipmate.yaml");
    assertThat(((Rejected) noCutovers.parse("/cutover", "25%")).reason())
        .isEqualTo("missing the cutover (none is configured)");
  }

  @Test
  @DisplayName("two equally good readings are refused as ambiguous, naming both")
  void ambiguousReadings() {
    CommandGrammar single = new CommandGrammar(Catalogs.single());

    assertThat(((Rejected) single.parse("/deploy", "web prod")).reason())
        .isEqualTo("ambiguous: did you mean `/deploy web web prod` or `/deploy web prod prod`?");
  }
}
