package dev.shipmate.bot.drift;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.slack.api.model.block.LayoutBlock;
import dev.shipmate.bot.presenter.DurationWords;
import dev.shipmate.bot.slack.render.RenderedNote;
import dev.shipmate.bot.slack.render.SlackMessage;
import dev.shipmate.pipelines.drift.AgedFinding;
import dev.shipmate.pipelines.drift.Decision;
import dev.shipmate.pipelines.drift.DriftReport;
import dev.shipmate.pipelines.drift.FieldDrift;
import dev.shipmate.pipelines.drift.Finding;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a drift report: counts per cluster and namespace, the top changes with their age (new
 * since the last report, or since when) and Snooze/Ignore buttons, and the full diff as a file.
 * Snoozed and ignored drift is counted but not listed in the message; the file lists everything.
 * "No drift" is one short line.
 */
public final class DriftMessageRenderer {
  /** Top changes shown in the message: two blocks each, well under Slack's 50 blocks. */
  static final int TOP = 10;

  private static final int FIELDS_SHOWN = 3;
  private static final int SECTION_TEXT = 3_000;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  public DriftMessage render(DriftReport report, List<AgedFinding> aged, String branch) {
    Instant now = report.at();
    List<AgedFinding> drift =
        aged.stream().filter(a -> !(a.finding() instanceof Finding.Unchecked)).toList();
    List<AgedFinding> unchecked =
        aged.stream().filter(a -> a.finding() instanceof Finding.Unchecked).toList();
    List<AgedFinding> open = drift.stream().filter(a -> a.open(now)).toList();
    String where = scopeWords(report);
    String commit = branch + "@" + report.commit();

    if (drift.isEmpty() && unchecked.isEmpty()) {
      String text = "No drift: " + where + " match git (" + commit + ").";
      return new DriftMessage(
          new SlackMessage(
              text,
              List.of(section(s -> s.text(markdownText(":white_check_mark: " + escape(text)))))),
          Optional.empty());
    }

    long fresh = open.stream().filter(AgedFinding::isNew).count();
    long snoozed = count(drift, Decision.Kind.SNOOZED, now);
    long ignored = count(drift, Decision.Kind.IGNORED, now);
    String headline =
        open.size()
            + (open.size() == 1 ? " drift" : " drifts")
            + " ("
            + fresh
            + " new, "
            + (open.size() - fresh)
            + " persisting)"
            + (snoozed > 0 ? " · " + snoozed + " snoozed" : "")
            + (ignored > 0 ? " · " + ignored + " ignored" : "")
            + (unchecked.isEmpty() ? "" : " · " + unchecked.size() + " not checked");
    String text = "Drift report for " + where + ": " + headline + ".";

    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.blockId("drift.summary")
                    .text(
                        markdownText(
                            "*Drift report* for "
                                + escape(where)
                                + " against git `"
                                + escape(commit)
                                + "`, "
                                + STAMP.format(now)
                                + "\n*"
                                + escape(headline)
                                + "*"))));
    String counts = counts(open);
    if (!counts.isEmpty()) {
      blocks.add(section(s -> s.blockId("drift.counts").text(markdownText(cut(counts)))));
    }
    for (AgedFinding a : unchecked) {
      blocks.add(
          section(s -> s.text(markdownText(":warning: " + escape(cut(a.finding().headline()))))));
    }
    List<AgedFinding> top =
        open.stream()
            .sorted(
                Comparator.comparing((AgedFinding a) -> !a.isNew())
                    .thenComparing(AgedFinding::firstSeen))
            .limit(TOP)
            .toList();
    for (int i = 0; i < top.size(); i++) {
      AgedFinding a = top.get(i);
      int index = i;
      blocks.add(
          section(s -> s.blockId("drift.finding." + index).text(markdownText(cut(line(a, now))))));
      blocks.add(
          actions(
              b ->
                  b.blockId("drift.actions." + index)
                      .elements(
                          List.of(
                              button(
                                  x ->
                                      x.actionId(DriftActions.SNOOZE)
                                          .text(plainText("Snooze 7 days"))
                                          .value(a.finding().key())),
                              button(
                                  x ->
                                      x.actionId(DriftActions.IGNORE)
                                          .text(plainText("Ignore"))
                                          .style("danger")
                                          .value(a.finding().key()))))));
    }
    if (!top.isEmpty()) {
      blocks.add(
          input(
              in ->
                  in.blockId(DriftActions.REASON_BLOCK)
                      .optional(true)
                      .label(plainText("Reason (needed to snooze)"))
                      .element(
                          plainTextInput(
                              p ->
                                  p.actionId(DriftActions.REASON_INPUT)
                                      .placeholder(plainText("e.g. autoscaler experiment"))))));
    }
    String more = open.size() > top.size() ? (open.size() - top.size()) + " more, and " : "";
    blocks.add(
        context(
            c ->
                c.elements(
                    List.of(
                        markdownText(
                            more
                                + "the full diff in the thread. Snooze and Ignore change nothing"
                                + " in git.")))));
    return new DriftMessage(
        new SlackMessage(text, blocks),
        Optional.of(
            new RenderedNote.AsFile(
                "Full diff: " + drift.size() + " drifts",
                "drift-" + FILE_STAMP.format(now) + ".txt",
                diff(report, aged, commit))));
  }

  private static long count(List<AgedFinding> drift, Decision.Kind kind, Instant now) {
    return drift.stream()
        .filter(a -> a.decision().filter(d -> d.kind() == kind && d.activeAt(now)).isPresent())
        .count();
  }

  private static String scopeWords(DriftReport report) {
    List<String> scopes = new ArrayList<>(report.clusters());
    if (report.dnsChecked()) {
      scopes.add("Route53");
    }
    if (scopes.size() == 1) {
      return scopes.get(0);
    }
    return String.join(", ", scopes.subList(0, scopes.size() - 1))
        + " and "
        + scopes.get(scopes.size() - 1);
  }

  /** {@code *prod-eu* · `prod`: 1 changed, 1 missing}. */
  private static String counts(List<AgedFinding> open) {
    Map<String, Map<String, Map<String, Integer>>> byScope = new LinkedHashMap<>();
    for (AgedFinding a : open) {
      Finding f = a.finding();
      byScope
          .computeIfAbsent(f.scope(), k -> new TreeMap<>())
          .computeIfAbsent(f.namespace(), k -> new LinkedHashMap<>())
          .merge(state(f), 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    byScope.forEach(
        (scope, namespaces) ->
            namespaces.forEach(
                (namespace, states) -> {
                  out.append("*").append(escape(scope)).append("*");
                  if (!namespace.isEmpty()) {
                    out.append(" · `").append(escape(namespace)).append("`");
                  }
                  out.append(": ");
                  List<String> parts = new ArrayList<>();
                  states.forEach((state, n) -> parts.add(n + " " + state));
                  out.append(String.join(", ", parts)).append("\n");
                }));
    return out.toString().strip();
  }

  static String state(Finding f) {
    return f.state();
  }

  private static String line(AgedFinding a, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append(a.isNew() ? ":new: " : ":hourglass: " + age(a, now) + " · ");
    out.append("*").append(escape(a.finding().scope())).append("* ");
    out.append(escape(a.finding().headline()));
    if (a.finding() instanceof Finding.Changed changed && changed.fields().size() > 1) {
      changed.fields().stream()
          .limit(FIELDS_SHOWN)
          .forEach(f -> out.append("\n• `").append(escape(code(f.describe()))).append("`"));
      if (changed.fields().size() > FIELDS_SHOWN) {
        out.append("\n• … ")
            .append(changed.fields().size() - FIELDS_SHOWN)
            .append(" more in the file");
      }
    }
    return out.toString();
  }

  private static String age(AgedFinding a, Instant now) {
    return "for " + DurationWords.of(Duration.between(a.firstSeen(), now));
  }

  /** The full diff: every finding, snoozed and ignored included, with its age and decision. */
  static String diff(DriftReport report, List<AgedFinding> aged, String commit) {
    StringBuilder out = new StringBuilder();
    out.append("Drift report ")
        .append(STAMP.format(report.at()))
        .append(", against git ")
        .append(commit)
        .append("\n");
    Map<String, List<AgedFinding>> byScope = new LinkedHashMap<>();
    aged.forEach(a -> byScope.computeIfAbsent(a.finding().scope(), k -> new ArrayList<>()).add(a));
    byScope.forEach(
        (scope, findings) -> {
          out.append("\n== ").append(scope).append(" ==\n");
          for (AgedFinding a : findings) {
            Finding f = a.finding();
            out.append(state(f).toUpperCase(java.util.Locale.ROOT))
                .append("  ")
                .append(f.headline())
                .append("  [")
                .append(a.isNew() ? "new" : "since " + STAMP.format(a.firstSeen()))
                .append("]");
            a.decision()
                .filter(d -> d.activeAt(report.at()))
                .ifPresent(d -> out.append("  [").append(decisionWords(d)).append("]"));
            out.append("\n");
            if (f instanceof Finding.Changed changed) {
              for (FieldDrift field : changed.fields()) {
                out.append("    ").append(field.path()).append("\n");
                out.append("      git:  ").append(field.desired()).append("\n");
                out.append("      live: ").append(field.live()).append("\n");
              }
            }
          }
        });
    return out.toString();
  }

  static String decisionWords(Decision d) {
    return switch (d.kind()) {
      case SNOOZED ->
          "snoozed until "
              + d.until().map(STAMP::format).orElse("?")
              + " by "
              + d.decidedBy()
              + ": "
              + d.reason();
      case IGNORED ->
          "ignored by " + d.decidedBy() + (d.reason().isEmpty() ? "" : ": " + d.reason());
    };
  }

  private static String code(String text) {
    return text.replace("`", "'");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text) {
    return text.length() <= SECTION_TEXT ? text : text.substring(0, SECTION_TEXT - 1) + "…";
  }
}
