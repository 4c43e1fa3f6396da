package dev.shipmate.commands;

import dev.shipmate.config.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A typed value: an image tag, a Kubernetes version, a percentage, a pull request, … */
enum Value implements Slot {
  /** An image tag, in Docker's tag syntax. */
  VERSION("the version (like v1.2)", "a version (like v1.2)") {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION_LIKE =
        Pattern.compile("v?\\d.*|sha-.*|[0-9a-f]{7,40}", Pattern.CASE_INSENSITIVE);

    @Override
    public Fit fit(String token, Context context) {
      if (!TAG.matcher(token).matches()) {
        return new Fit.Miss(
            Suggestions.quote(token)
                + " is not a version — version must look like a tag: v1.2, 1.2.3, sha-abc123",
            Fit.NONE);
      }
      if (context.isKeyword(token)) {
        // "/deploy web history prod" is a misplaced subcommand, not a deploy of tag "history".
        return new Fit.Miss(
            Suggestions.quote(token) + " is a word of `" + context.slash() + "`, not a version",
            Fit.NONE);
      }
      // Any word is a possible tag, so only a version-like one counts as strong evidence.
      return new Fit.Match(token, VERSION_LIKE.matcher(token).matches() ? Fit.STRONG : Fit.WEAK);
    }
  },

  /** A Kubernetes minor version, {@code 1.31} or {@code v1.31}, kept as {@code 1.31}. */
  KUBERNETES_VERSION("the Kubernetes version (like 1.31)", "a Kubernetes version (like 1.31)") {
    private static final Pattern MINOR = Pattern.compile("[vV]?(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PATCH = Pattern.compile("[vV]?\\d{1,3}\\.\\d{1,3}\\.\\d+.*");

    @Override
    public Fit fit(String token, Context context) {
      Matcher minor = MINOR.matcher(token);
      if (minor.matches()) {
        return new Fit.Match(
            Integer.parseInt(minor.group(1)) + "." + Integer.parseInt(minor.group(2)), Fit.STRONG);
      }
      String reason =
          Suggestions.quote(token)
              + " is not a Kubernetes minor version: write major.minor, like 1.31";
      return new Fit.Miss(reason, PATCH.matcher(token).matches() ? Fit.CLOSE : Fit.NONE);
    }
  },

  /** A whole percentage from 0% to 100%. */
  PERCENT("the percentage (like 25%)", "a percentage (like 25%)") {
    private static final Pattern INTEGER = Pattern.compile("(-?)(\\d{1,9})(%?)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+([.,]\\d+)?%?");

    @Override
    public Fit fit(String token, Context context) {
      Matcher integer = INTEGER.matcher(token);
      if (integer.matches()) {
        long amount = Long.parseLong(integer.group(2));
        boolean inRange = integer.group(1).isEmpty() && amount <= 100;
        if (!inRange) {
          return new Fit.Miss(
              "a percentage is from 0% to 100%, not " + Suggestions.quote(token), Fit.CLOSE);
        }
        if (integer.group(3).isEmpty()) {
          return new Fit.Miss("write the percentage with %: `" + amount + "%`", Fit.CLOSE);
        }
        return new Fit.Match((int) amount, Fit.STRONG);
      }
      if (NUMBER.matcher(token).matches()) {
        return new Fit.Miss(
            "a percentage is a whole number from 0% to 100%, like 25%, not "
                + Suggestions.quote(token),
            Fit.CLOSE);
      }
      return new Fit.Miss(
          Suggestions.quote(token) + " is not a percentage: write a whole number with %, like 25%",
          Fit.NONE);
    }
  },

  /** A pull request: {@code pr-123}, {@code #123} or {@code 123}, kept as its number. */
  PULL_REQUEST("the pull request (like pr-123)", "a pull request (like pr-123)") {
    private static final Pattern NUMBERED =
        Pattern.compile("(?:pr-?|#)?(\\d+)", Pattern.CASE_INSENSITIVE);

    @Override
    public Fit fit(String token, Context context) {
      Matcher numbered = NUMBERED.matcher(token);
      if (!numbered.matches()) {
        return new Fit.Miss(
            Suggestions.quote(token) + " is not a pull request: write pr-123, #123 or 123",
            Fit.NONE);
      }
      String digits = numbered.group(1).replaceFirst("^0+(?=\\d)", "");
      if (digits.length() > 9) {
        return new Fit.Miss(
            "no pull request has a number as large as " + Suggestions.quote(token), Fit.CLOSE);
      }
      int number = Integer.parseInt(digits);
      if (number == 0) {
        return new Fit.Miss("pull request numbers start at 1", Fit.CLOSE);
      }
      return new Fit.Match(number, Fit.STRONG);
    }
  },

  /** A duration, as {@link Durations} reads it. */
  DURATION("the duration (like 24h)", "a duration (like 24h)") {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Override
    public Fit fit(String token, Context context) {
      Optional<Duration> duration = Durations.parse(token);
      if (duration.isPresent()) {
        return new Fit.Match(duration.get(), Fit.STRONG);
      }
      if (NUMBER.matcher(token).matches()) {
        return new Fit.Miss(
            Suggestions.quote(token) + " needs a unit: " + Durations.EXPECTED, Fit.CLOSE);
      }
      return new Fit.Miss(
          Suggestions.quote(token) + " is not a duration: use " + Durations.EXPECTED, Fit.NONE);
    }
  },

  /** A run id: a letter for the pipeline, a dash, four or more base-36 characters. */
  RUN_ID("the run id (like d-4k2p; `/runs` lists them)", "a run id (like d-4k2p)") {
    private static final Pattern RUN = Pattern.compile("[a-z]-[0-9a-z]{4,32}");

    @Override
    public Fit fit(String token, Context context) {
      String lower = token.toLowerCase(Locale.ROOT);
      if (RUN.matcher(lower).matches()) {
        return new Fit.Match(lower, Fit.STRONG);
      }
      return new Fit.Miss(
          Suggestions.quote(token)
              + " is not a run id: run ids look like d-4k2p (`/runs` lists them)",
          Fit.NONE);
    }
  },

  /** A git commit sha or tag, for {@code --ref}. */
  GIT_REF("the commit or tag (like v1.2)", "a commit sha or tag (like v1.2)") {
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}");

    @Override
    public Fit fit(String token, Context context) {
      if (REF.matcher(token).matches()
          && !token.contains("..")
          && !token.contains("//")
          && !token.endsWith("/")
          && !token.endsWith(".")
          && !token.endsWith(".lock")) {
        return new Fit.Match(token, Fit.STRONG);
      }
      return new Fit.Miss(
          Suggestions.quote(token) + " is not a commit sha or tag: write one like 3f2a9c1 or v1.2",
          Fit.NONE);
    }
  },

  /**
   * Why, in a few words: a freeze's reason, a break-glass reason. Several words go in double quotes
   * ({@code "release party"}), which {@link SlackText} keeps together as one word.
   */
  REASON("the reason (like \"release party\")", "a reason in quotes (like \"release party\")") {
    private static final int LONGEST = 200;

    @Override
    public Fit fit(String token, Context context) {
      if (token.isBlank()) {
        return new Fit.Miss("the reason is empty: say why, in quotes", Fit.NONE);
      }
      if (token.length() > LONGEST) {
        return new Fit.Miss(
            "the reason is longer than " + LONGEST + " characters: say it in fewer words",
            Fit.CLOSE);
      }
      // Any word could be a reason, so only a quoted phrase is strong evidence of one.
      return new Fit.Match(token, token.contains(" ") ? Fit.STRONG : Fit.WEAK);
    }
  },

  /** A command's name, with or without its slash, kept without: {@code deploy}. */
  TOPIC("the command (like deploy)", "a command (like deploy)") {
    @Override
    public Fit fit(String token, Context context) {
      String name = token.toLowerCase(Locale.ROOT);
      name = name.startsWith("/") ? name.substring(1) : name;
      if (CommandGrammar.SLASH_COMMANDS.contains("/" + name)) {
        return new Fit.Match(name, Fit.STRONG);
      }
      Optional<String> meant = Suggestions.closest("/" + name, CommandGrammar.SLASH_COMMANDS);
      if (meant.isPresent()) {
        return new Fit.Miss(
            "no command " + Suggestions.quote(token) + " — did you mean `" + meant.get() + "`?",
            Fit.CLOSE);
      }
      return new Fit.Miss(
          "no command " + Suggestions.quote(token) + " (`/shipmate help` lists them all)",
          Fit.NONE);
    }
  };

  private final String missing;
  private final String noun;

  Value(String missing, String noun) {
    this.missing = missing;
    this.noun = noun;
  }

  @Override
  public String missing(Context context) {
    return missing;
  }

  @Override
  public String noun() {
    return noun;
  }
}
