package dev.shipmate.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code freezes:}: for each, its reason, the targets it covers, when it is in force and what
 * it blocks.
 */
final class FreezesReader {
  static final Keys KEYS =
      Keys.of(
              "reason",
              "environments",
              "clusters",
              "cutovers",
              "weekly",
              "cron",
              "for",
              "from",
              "until",
              "zone",
              "blocks")
          .withHint("duration", "how long each cron window lasts is 'for', e.g. for: 2h")
          .withHint("timezone", "the time zone is 'zone', e.g. zone: Europe/Berlin");
  static final Keys WEEKLY = Keys.of("from", "until");

  private static final Pattern DAY_TIME =
      Pattern.compile("([A-Za-z]{3})[a-z]*\\s+([0-9]{1,2}:[0-9]{2})");
  private static final String DAY_TIME_EXAMPLE = "a weekday and a time, like \"FRI 15:00\"";
  private static final String ZONE_EXAMPLE = "a time zone like Europe/Berlin or UTC";

  private FreezesReader() {}

  /**
   * @param names the configured environments, clusters and cutovers, which a freeze may cover
   */
  static List<FreezeWindow> read(
      Optional<YamlMapping> freezes,
      Set<String> environments,
      Set<String> clusters,
      Set<String> cutovers) {
    Map<String, FreezeWindow> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : freezes.map(YamlMapping::entries).orElse(List.of())) {
      entry
          .value()
          .mapping(KEYS, entry.keyLine())
          .flatMap(f -> freeze(entry.key(), f, environments, clusters, cutovers))
          .ifPresent(f -> result.put(f.name(), f));
    }
    return List.copyOf(result.values());
  }

  private static Optional<FreezeWindow> freeze(
      String name,
      YamlMapping freeze,
      Set<String> environments,
      Set<String> clusters,
      Set<String> cutovers) {
    Optional<String> reason =
        freeze.requiredText(
            "reason", "what people are told when it stops them, e.g. reason: release party");
    List<String> envs = names(freeze, "environments", "environment", environments);
    List<String> clusterNames = names(freeze, "clusters", "cluster", clusters);
    List<String> cutoverNames = names(freeze, "cutovers", "cutover", cutovers);
    boolean anyScope =
        freeze.get("environments").isPresent()
            || freeze.get("clusters").isPresent()
            || freeze.get("cutovers").isPresent();
    if (!anyScope) {
      freeze.errorAt(
          "environments",
          "a freeze covers something: name environments:, clusters: or cutovers: (\"*\" for"
              + " all of a kind), e.g. environments: [prod]");
    }
    Optional<FreezeTiming> timing = timing(freeze);
    Set<FreezeBlock> blocks = blocks(freeze);
    if (reason.isEmpty() || !anyScope || timing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FreezeWindow(
            name,
            reason.get(),
            new FreezeScope(envs, clusterNames, cutoverNames),
            timing.get(),
            blocks));
  }

  private static List<String> names(
      YamlMapping freeze, String key, String kind, Set<String> known) {
    Function<String, Optional<String>> check =
        name ->
            name.equals(FreezeScope.EVERY) || known.contains(name)
                ? Optional.empty()
                : Optional.of(
                    "no "
                        + kind
                        + " named '"
                        + name
                        + "'"
                        + Suggestions.closest(name, List.copyOf(known))
                            .map(s -> ": did you mean '" + s + "'?")
                            .orElse(
                                known.isEmpty()
                                    ? ""
                                    : " (known: " + String.join(", ", known) + ", or \"*\")"));
    return freeze.get(key).flatMap(v -> v.texts(check)).orElse(List.of());
  }

  private static Optional<FreezeTiming> timing(YamlMapping freeze) {
    boolean weekly = freeze.get("weekly").isPresent();
    boolean cron = freeze.get("cron").isPresent();
    boolean once = freeze.get("from").isPresent() || freeze.get("until").isPresent();
    int kinds = (weekly ? 1 : 0) + (cron ? 1 : 0) + (once ? 1 : 0);
    if (kinds != 1) {
      freeze.errorAt(
          kinds == 0 ? "weekly" : "from",
          (kinds == 0 ? "when is it in force? " : "give exactly one of these: ")
              + "weekly: { from: \"FRI 15:00\", until: \"MON 07:00\" }, cron: \"0 0 22 ? * *\""
              + " with for: 8h, or from: and until: (2026-12-24T00:00) for once");
      return Optional.empty();
    }
    if (once) {
      return oneOff(freeze);
    }
    Optional<ZoneId> zone =
        freeze
            .requiredText("zone", ZONE_EXAMPLE + " (recurring times are wall-clock times)")
            .flatMap(z -> zone(freeze, z));
    return weekly ? weekly(freeze, zone) : cron(freeze, zone);
  }

  private static Optional<FreezeTiming> weekly(YamlMapping freeze, Optional<ZoneId> zone) {
    Optional<YamlMapping> weekly = freeze.mapping("weekly", WEEKLY);
    if (weekly.isEmpty()) {
      return Optional.empty();
    }
    Optional<DayTime> from =
        weekly
            .get()
            .requiredText("from", DAY_TIME_EXAMPLE)
            .flatMap(t -> dayTime(weekly.get(), "from", t));
    Optional<DayTime> until =
        weekly
            .get()
            .requiredText("until", DAY_TIME_EXAMPLE)
            .flatMap(t -> dayTime(weekly.get(), "until", t));
    if (from.isEmpty() || until.isEmpty() || zone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FreezeTiming.Weekly(
            from.get().day(),
            from.get().time(),
            until.get().day(),
            until.get().time(),
            zone.get()));
  }

  private static Optional<FreezeTiming> cron(YamlMapping freeze, Optional<ZoneId> zone) {
    Optional<String> expression =
        freeze
            .requiredText("cron", "a Quartz cron expression, e.g. " + CronShape.EXAMPLE)
            .filter(
                e -> {
                  Optional<String> problem = CronShape.problem(e);
                  problem.ifPresent(m -> freeze.errorAt("cron", m));
                  return problem.isEmpty();
                });
    Optional<Duration> length = freeze.read("for", YamlValue::duration);
    if (freeze.get("for").isEmpty()) {
      freeze.missing("for", "how long each window lasts after the cron fires, e.g. for: 8h");
    }
    if (expression.isEmpty() || length.isEmpty() || zone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FreezeTiming.Cron(expression.get(), length.get(), zone.get()));
  }

  private static Optional<FreezeTiming> oneOff(YamlMapping freeze) {
    Optional<ZoneId> zone = freeze.text("zone").flatMap(z -> zone(freeze, z));
    Optional<Instant> from =
        freeze
            .requiredText("from", "when it begins, e.g. from: 2026-12-24T00:00")
            .flatMap(t -> instant(freeze, "from", t, zone));
    Optional<Instant> until =
        freeze
            .requiredText("until", "when it ends, e.g. until: 2026-12-27T08:00")
            .flatMap(t -> instant(freeze, "until", t, zone));
    if (from.isEmpty() || until.isEmpty()) {
      return Optional.empty();
    }
    if (!until.get().isAfter(from.get())) {
      freeze.errorAt("until", "it ends before it begins: until must be after from");
      return Optional.empty();
    }
    return Optional.of(new FreezeTiming.OneOff(from.get(), until.get()));
  }

  private static Optional<Instant> instant(
      YamlMapping freeze, String key, String text, Optional<ZoneId> zone) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      // a local time, read in the freeze's zone
    }
    try {
      LocalDateTime local = LocalDateTime.parse(text);
      if (zone.isEmpty()) {
        if (freeze.get("zone").isEmpty()) {
          freeze.errorAt(
              key,
              "'"
                  + text
                  + "' has no offset: add zone: (e.g. zone: Europe/Berlin) or write it with one,"
                  + " like 2026-12-24T00:00+01:00");
        }
        return Optional.empty();
      }
      return Optional.of(local.atZone(zone.get()).toInstant());
    } catch (DateTimeParseException e) {
      freeze.errorAt(
          key,
          "'"
              + text
              + "' is not a date and time: write 2026-12-24T00:00 (with zone:) or"
              + " 2026-12-24T00:00+01:00");
      return Optional.empty();
    }
  }

  private static Optional<ZoneId> zone(YamlMapping freeze, String text) {
    try {
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException e) {
      freeze.errorAt("zone", "'" + text + "' is not a time zone: use " + ZONE_EXAMPLE);
      return Optional.empty();
    }
  }

  private record DayTime(DayOfWeek day, LocalTime time) {}

  private static Optional<DayTime> dayTime(YamlMapping weekly, String key, String text) {
    Matcher matcher = DAY_TIME.matcher(text.trim());
    Optional<DayOfWeek> day =
        matcher.matches() ? day(matcher.group(1)) : Optional.<DayOfWeek>empty();
    Optional<LocalTime> time = Optional.empty();
    if (matcher.matches()) {
      try {
        time =
            Optional.of(
                LocalTime.parse(
                    matcher.group(2).length() == 4 ? "0" + matcher.group(2) : matcher.group(2)));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (day.isEmpty() || time.isEmpty()) {
      weekly.errorAt(key, "'" + text + "' is not " + DAY_TIME_EXAMPLE);
      return Optional.empty();
    }
    return Optional.of(new DayTime(day.get(), time.get()));
  }

  private static Optional<DayOfWeek> day(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(upper)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }

  private static Set<FreezeBlock> blocks(YamlMapping freeze) {
    if (freeze.get("blocks").isEmpty()) {
      return FreezeBlock.DEFAULT;
    }
    List<String> words =
        freeze
            .get("blocks")
            .flatMap(
                v ->
                    v.texts(
                        w ->
                            FreezeBlock.named(w).isPresent()
                                ? Optional.empty()
                                : Optional.of(
                                    "'"
                                        + w
                                        + "' is not something a freeze blocks: use "
                                        + FreezeBlock.words())))
            .orElse(List.of());
    Set<FreezeBlock> blocks = EnumSet.noneOf(FreezeBlock.class);
    new ArrayList<>(words).forEach(w -> blocks.add(FreezeBlock.named(w).orElseThrow()));
    return blocks.isEmpty() ? FreezeBlock.DEFAULT : blocks;
  }
}
