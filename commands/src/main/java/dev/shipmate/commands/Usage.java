package dev.shipmate.commands;

import java.util.List;

/**
 * Each way of writing a command, as people read it: the usage line, what it does, an example and,
 * for some, more detail. The help text and every rejection's usage come from here, so they cannot
 * disagree.
 */
enum Usage {
  DEPLOY(
      "/deploy",
      "<service> <version> <environment> [--dry-run] [--break-glass \"<reason>\"] [--queue]",
      "roll out an image tag of a service to an environment, with automatic rollback",
      "/deploy web v1.2 prod",
      "A version is an image tag: v1.2, 1.2.3, sha-abc123. `--dry-run` shows what would change and"
          + " changes nothing. `--break-glass \"hotfix for INC-42\"` deploys through a freeze once"
          + " someone else who may approve has approved it. `--queue` waits its turn when the"
          + " environment is busy or frozen, and starts by itself. With one service or one"
          + " environment configured, its name can be left out: `/deploy web v1.2`."),
  DEPLOY_HISTORY(
      "/deploy",
      "history <service> <environment>",
      "the last deploys of a service to an environment",
      "/deploy history web prod",
      ""),
  WHATS_DEPLOYED(
      "/whats-deployed",
      "<service>",
      "the version of a service running in each environment",
      "/whats-deployed web",
      "With one service configured, `/whats-deployed` alone."),
  ROLLBACK(
      "/rollback",
      "<service> <environment> [to <version>] [--queue]",
      "go back to the previous version, or to the version named",
      "/rollback web prod",
      "With a version: `/rollback web prod to v1.1`. `--queue` waits its turn when the"
          + " environment is busy. With one service or one environment configured, its name can"
          + " be left out."),
  ENV_UP(
      "/env",
      "up <pr> [--ref <sha|tag>] [--ttl <duration>]",
      "start a preview environment for a pull request",
      "/env up pr-123 --ttl 48h",
      "A pull request is written pr-123, #123 or 123. `--ref` builds that commit or tag instead of"
          + " the pull request's head; `--ttl` is how long the environment lives (the"
          + " configuration's `previews.ttl` otherwise)."),
  ENV_DOWN(
      "/env", "down <pr>", "remove a pull request's preview environment", "/env down pr-123", ""),
  ENV_EXTEND(
      "/env",
      "extend <pr> <duration>",
      "keep a preview environment for longer",
      "/env extend pr-123 24h",
      "A duration is written like 30s, 10m, 24h, 7d or 1h30m."),
  ENV_LIST("/env", "list", "the preview environments, and when each expires", "/env list", ""),
  CUTOVER(
      "/cutover",
      "<name> <percent>% [--step <percent>% --every <duration>] [--dry-run] [--break-glass"
          + " \"<reason>\"] [--queue]",
      "send that share of traffic to the green stack, at once or step by step, health-checked",
      "/cutover www 100% --step 25% --every 10m",
      "`--step` and `--every` go together; steps go up or down from where the traffic is now"
          + " (`/cutover www 0% --step 25% --every 10m` moves it back). A failed health check sends the traffic back. With one cutover configured, its name can be left"
          + " out: `/cutover 25%`, `/cutover status`."),
  CUTOVER_CONTROL(
      "/cutover",
      "<name> status|abort",
      "how a cutover is going, or stop it and send the traffic back to blue",
      "/cutover www status",
      ""),
  UPGRADE(
      "/upgrade",
      "<cluster> <version> [--dry-run] [--break-glass \"<reason>\"] [--queue]",
      "upgrade a cluster's Kubernetes: the control plane, then the nodes one by one",
      "/upgrade prod-eu 1.31",
      "The version is a Kubernetes minor version: 1.31 or v1.31. With one cluster configured, its"
          + " name can be left out: `/upgrade 1.31`, `/upgrade status`."),
  UPGRADE_CONTROL(
      "/upgrade",
      "<cluster> status|pause|resume",
      "how an upgrade is going, or pause and resume it",
      "/upgrade prod-eu status",
      ""),
  DRIFT(
      "/drift",
      "[cluster]",
      "compare what runs in a cluster (or in every cluster) with what git says",
      "/drift prod-eu",
      ""),
  FREEZE(
      "/freeze",
      "<target> <duration> [\"<reason>\"]",
      "stop deploys, cutovers, upgrades and previews on an environment, cluster or cutover for a"
          + " while (rollbacks still pass)",
      "/freeze prod 2h \"release party\"",
      "The reason goes in double quotes; people stopped by the freeze read it. A run that must go through anyway is started with"
          + " `--break-glass \"<reason>\"` and waits for someone else's approval. `/unfreeze"
          + " <target>` lifts it early."),
  FREEZE_LIST(
      "/freeze",
      "list",
      "the freezes in force: configured windows and those set from chat",
      "/freeze list",
      ""),
  UNFREEZE(
      "/unfreeze",
      "<target>",
      "lift the freezes set from chat on an environment, cluster or cutover",
      "/unfreeze prod",
      "Configured windows (`freezes:` in shipmate.yaml) cannot be lifted from chat."),
  RUNS("/runs", "", "the runs in progress, with their ids", "/runs", ""),
  CANCEL(
      "/cancel",
      "<run-id>",
      "stop a run",
      "/cancel d-4k2p",
      "Run ids look like d-4k2p; `/runs` lists them."),
  QUEUE(
      "/queue",
      "[target]",
      "the runs waiting their turn (`--queue`), on every target or on an environment, cluster or"
          + " cutover",
      "/queue staging",
      "A queued run starts by itself when its target is free (and no freeze stops it), in the"
          + " order asked. `/cancel <run-id>` takes one out of the queue."),
  HELP(
      "/shipmate",
      "help [command]",
      "every command, or the details of one",
      "/shipmate help deploy",
      "");

  private final String slash;
  private final String arguments;
  private final String description;
  private final String example;
  private final String details;

  Usage(String slash, String arguments, String description, String example, String details) {
    this.slash = slash;
    this.arguments = arguments;
    this.description = description;
    this.example = example;
    this.details = details;
  }

  String slash() {
    return slash;
  }

  String description() {
    return description;
  }

  String example() {
    return example;
  }

  String details() {
    return details;
  }

  /** The usage line: {@code /deploy <service> <version> <environment> [--dry-run]}. */
  String line() {
    return arguments.isEmpty() ? slash : slash + " " + arguments;
  }

  /** The usage line with its example, as a rejection shows it. */
  String withExample() {
    return "`" + line() + "`" + eg();
  }

  /** {@code , e.g. `/deploy web v1.2 prod`}, or nothing when the line is its own example. */
  String eg() {
    return example.equals(line()) ? "" : ", e.g. `" + example + "`";
  }

  /** The usage part of a rejection, for one or several ways of writing a command. */
  static String render(List<Usage> usages) {
    if (usages.size() == 1) {
      return "Usage: " + usages.get(0).withExample();
    }
    StringBuilder text = new StringBuilder("Usage:");
    for (Usage usage : usages) {
      text.append("\n").append(usage.withExample());
    }
    return text.toString();
  }

  /** Every way of writing one slash command, in the order of this table. */
  static List<Usage> of(String slash) {
    return java.util.Arrays.stream(values()).filter(u -> u.slash.equals(slash)).toList();
  }
}
