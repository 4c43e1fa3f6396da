package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Slack workspace for the bot: the Web API methods Shipmate calls, over HTTP at {@link #apiUrl()}
 * (what {@code SLACK_API_URL} and Bolt's {@code setMethodsEndpointUrlPrefix} take), with channels,
 * messages, threads, ephemeral messages, home tabs and files kept in memory for tests and the local
 * console to read, and every call as it arrived ({@link #calls()}). It refuses what Slack refuses:
 * a wrong or missing token, a missing or malformed channel, a message with no text, blocks Block
 * Kit would refuse, an update of a message that is not there.
 *
 * <p>It knows which conversations the bot is a member of ({@link #addBotTo}; {@code
 * conversations.join} for public ones), and refuses what Slack refuses a bot that is not: {@code
 * chat.postEphemeral}, files and thread replies answer {@code not_in_channel} in a public channel
 * ({@code C…}) and {@code channel_not_found} in a private one ({@code G…}) or a DM ({@code D…}); a
 * top-level {@code chat.postMessage} to a public channel works ({@code chat:write.public}). It
 * serves the {@code response_url}s {@link SlackClientSimulator} puts in each slash command and
 * click ({@link #responseUrl}): five posts within 30 minutes each, then refused. It hands out the
 * {@code trigger_id}s of commands and clicks ({@link #issueTrigger}) and opens a modal for one
 * ({@code views.open}) once, within 3 s of wall time, answering {@code expired_trigger_id}, {@code
 * exchanged_trigger_id} or {@code invalid_trigger_id} as Slack does; the modals it opened are kept
 * ({@link #views}) for a client to submit or close. And, when a test switches them on ({@link
 * #enforceRateTiers}, {@link #rateLimit}), the per-method rate tiers, answering HTTP 429 with
 * {@code Retry-After}.
 */
public final class SimulatedSlack implements AutoCloseable {

  public static final String DEFAULT_BOT_TOKEN = "xoxb-sandbox-0000000000-shipmate";
  public static final String DEFAULT_SIGNING_SECRET = "sandbox-signing-secret-0123456789abcdef";

  /**
   * The app-level token ({@code xapp-…}, scope {@code connections:write}) Socket Mode opens with.
   */
  public static final String DEFAULT_APP_TOKEN = "xapp-1-A0SHIPMATE-0000-sandbox";

  public static final String APP_ID = "A0SHIPMATE";
  public static final String TEAM_ID = "T0SANDBOX";
  public static final String BOT_USER_ID = "U0SHIPMATE";
  public static final String BOT_ID = "B0SHIPMATE";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A member of the workspace, as {@code users.info} answers. */
  public record User(String id, String name, String realName, String timeZone) {}

  private final Clock clock;
  private final String botToken;
  private final String signingSecret;
  private final Map<String, List<SlackMessage>> channels = new LinkedHashMap<>();
  private final List<SlackEphemeral> ephemerals = new ArrayList<>();
  private final Map<String, JsonNode> homes = new LinkedHashMap<>();
  private final Map<String, SlackFile> files = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, List<String>> usergroups = new LinkedHashMap<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final java.util.Set<String> memberships = new java.util.HashSet<>();
  private final Map<String, ResponseUrl> responseUrls = new HashMap<>();
  private final Map<String, Integer> responseUrlUses = new HashMap<>();
  private final SlackRateTiers rateTiers;
  private final Map<String, Trigger> triggers = new HashMap<>();
  private final Map<String, SlackView> views = new LinkedHashMap<>();
  private volatile Duration triggerLifetime = TRIGGER_LIFETIME;
  private int viewCount;
  private final List<SlackCall> calls = new ArrayList<>();
  private final List<Consumer<SlackActivity>> listeners = new CopyOnWriteArrayList<>();
  private final SlackTimestamps timestamps;
  private final SlackWebApi server;
  private volatile Duration retryAfter = Duration.ofSeconds(1);
  private int fileCount;
  private SlackSocketMode socketMode;

  private SimulatedSlack(
      Clock clock, String botToken, String signingSecret, String host, int port) {
    this.clock = clock;
    this.botToken = botToken;
    this.signingSecret = signingSecret;
    this.timestamps = new SlackTimestamps(clock);
    this.rateTiers = new SlackRateTiers(clock);
    this.server = new SlackWebApi(this, host, port);
  }

  /** On a free local port, with the default bot token and signing secret. */
  public static SimulatedSlack start(Clock clock) {
    return start(clock, DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET, "127.0.0.1", 0);
  }

  public static SimulatedSlack start(
      Clock clock, String botToken, String signingSecret, String host, int port) {
    return new SimulatedSlack(clock, botToken, signingSecret, host, port);
  }

  /** The Web API's base URL, ending with a slash: {@code http://127.0.0.1:PORT/api/}. */
  public URI apiUrl() {
    return server.url().resolve("/api/");
  }

  public String botToken() {
    return botToken;
  }

  /** The secret the bot verifies requests with and {@link SlackClientSimulator} signs them with. */
  public String signingSecret() {
    return signingSecret;
  }

  /** The app-level token {@code apps.connections.open} accepts. */
  public String appToken() {
    return DEFAULT_APP_TOKEN;
  }

  /**
   * Slack's Socket Mode side for this workspace: where the envelopes of a bot connected over Socket
   * Mode come from. Its WebSocket server starts on first use.
   */
  public synchronized SlackSocketMode socketMode() {
    if (socketMode == null) {
      socketMode = new SlackSocketMode(APP_ID, server.url().getHost());
    }
    return socketMode;
  }

  /** What an env file needs to point the bot here. */
  public Map<String, String> environment() {
    return Map.of(
        "SLACK_API_URL",
        apiUrl().toString(),
        "SLACK_BOT_TOKEN",
        botToken,
        "SLACK_SIGNING_SECRET",
        signingSecret,
        "SLACK_APP_TOKEN",
        appToken());
  }

  // ---- seeding ----

  public synchronized void addChannel(String id) {
    channels.putIfAbsent(id, new ArrayList<>());
  }

  /**
   * The bot is a member of {@code id} (added as {@link #addChannel} does if new): as when someone
   * invited it, or a DM with it.
   */
  public synchronized void addBotTo(String id) {
    addChannel(id);
    memberships.add(id);
  }

  /** The bot is no longer a member of {@code id}: someone removed it, as anyone in it may. */
  public synchronized void removeBotFrom(String id) {
    memberships.remove(id);
  }

  /** Whether the bot is a member of the conversation {@code id}. */
  public synchronized boolean botIsMember(String id) {
    return memberships.contains(id);
  }

  public synchronized void addUser(User user) {
    users.put(user.id(), user);
  }

  /** A user group ({@code S...}) and its members, for {@code usergroups.users.list}. */
  public synchronized void addUsergroup(String id, List<String> members) {
    usergroups.put(id, List.copyOf(members));
  }

  /**
   * A message the bot posted before, as another replica or an earlier process did: in the channel
   * for {@code chat.update} to find, without a call of its own in {@link #calls()}.
   */
  public SlackMessage addMessage(String channel, String text) {
    addChannel(channel);
    return post(channel, null, text, JSON.createArrayNode(), List.of());
  }

  // ---- faults ----

  /** The next {@code times} calls of {@code method} (e.g. {@code chat.postMessage}) fail. */
  public synchronized void failNext(String method, int times, SlackFault fault) {
    Deque<Fault> queued = faults.computeIfAbsent(method, m -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queued.add(new Fault(fault, null));
    }
  }

  /**
   * The next call of {@code method} is refused as Slack refuses what it will not do: HTTP 200,
   * {@code ok: false} and {@code error} (e.g. {@code not_in_channel}).
   */
  public synchronized void refuseNext(String method, String error) {
    faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(null, error));
  }

  /**
   * Slack's rate tiers from now on, for every method the stand-in knows (Tier 2: 20 a minute, Tier
   * 3: 50, Tier 4: 100; {@code chat.postMessage} 60 a minute per channel): a call beyond its
   * method's budget in the last minute answers HTTP 429 with {@code Retry-After}. Off unless a test
   * switches it on.
   */
  public void enforceRateTiers() {
    rateTiers.enforce();
  }

  /** {@code method} allows {@code perMinute} calls a minute from now on; the tiers are enforced. */
  public void rateLimit(String method, int perMinute) {
    rateTiers.limit(method, perMinute);
  }

  /**
   * A minute of the rate tiers lasts {@code minute} from now on: a test that cannot wait minutes
   * shortens Slack's minute here and in the bot's rate budget alike ({@code
   * ProcessSettings.withSlackRateMinute}), keeping every tier's number of calls.
   */
  public void rateWindow(Duration minute) {
    rateTiers.window(minute);
  }

  Instant now() {
    return clock.instant();
  }

  /** The seconds a call of {@code method} now must wait, when its budget is spent. */
  Optional<Duration> rateLimited(String method, String channel) {
    return rateTiers.take(method, channel);
  }

  /** The {@code Retry-After} a rate-limited answer carries (1 s unless set). */
  public void setRetryAfter(Duration duration) {
    this.retryAfter = duration;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  /**
   * What the next call of a method answers instead of doing what it asks.
   *
   * @param failure an HTTP error; null for a refusal
   * @param refusal the {@code error} of an {@code ok: false} answer; null for an HTTP error
   */
  record Fault(SlackFault failure, String refusal) {}

  synchronized Optional<Fault> nextFault(String method) {
    Deque<Fault> queued = faults.get(method);
    return queued == null ? Optional.empty() : Optional.ofNullable(queued.poll());
  }

  synchronized void record(SlackCall call) {
    calls.add(call);
  }

  // ---- response_url ----

  /**
   * A {@code response_url} served here, for a slash command typed by {@code user} in {@code
   * channel} or a click on the message {@code messageTs} (null for a command): posts to it reach
   * that user there whether or not the bot is a member, five times within 30 minutes.
   */
  public synchronized URI responseUrl(String channel, String user, String messageTs) {
    String id = "R" + (responseUrls.size() + 1) + "x" + Long.toHexString(clock.millis());
    responseUrls.put(id, new ResponseUrl(channel, user, messageTs, clock.instant()));
    return server.url().resolve("/response/" + id);
  }

  private boolean responseUrlsExpired;

  /**
   * From now on every {@code response_url}, those handed out later included, answers {@code
   * expired_url}, as Slack does 30 minutes after its request: for a test on real time of what
   * Shipmate does when the URL is of no use any more.
   */
  public synchronized void expireResponseUrls() {
    responseUrlsExpired = true;
  }

  /** Where a {@code response_url} leads, when it was handed out, and how often it was used. */
  record ResponseUrl(String channel, String user, String messageTs, java.time.Instant issued) {}

  /** Slack's limits of a {@code response_url}: 5 uses within 30 minutes of the request. */
  static final int RESPONSE_URL_USES = 5;

  static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);

  /**
   * Uses the {@code response_url} {@code id}, or says why it cannot be used: {@code expired_url},
   * {@code used_url} or {@code no_such_url}.
   */
  synchronized Object useResponseUrl(String id) {
    ResponseUrl url = responseUrls.get(id);
    if (url == null) {
      return "no_such_url";
    }
    if (responseUrlsExpired || clock.instant().isAfter(url.issued().plus(RESPONSE_URL_LIFETIME))) {
      return "expired_url";
    }
    int uses = responseUrlUses.merge(id, 1, Integer::sum);
    if (uses > RESPONSE_URL_USES) {
      return "used_url";
    }
    return url;
  }

  // ---- trigger ids and modals ----

  /** How long a trigger id opens a view: Slack's 3 s, in wall time whatever the world's clock. */
  public static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);

  /** A trigger id handed out with a command or a click of {@code user}: when, and whether used. */
  private record Trigger(String user, long issuedNanos, boolean exchanged) {}

  /**
   * A {@code trigger_id} for a slash command or a click by {@code user}: it opens one view, within
   * {@link #TRIGGER_LIFETIME} of now (wall time: Slack's limit does not follow a simulated clock).
   */
  public synchronized String issueTrigger(String user) {
    String id =
        (triggers.size() + 1)
            + "."
            + TEAM_ID
            + "."
            + Long.toHexString(System.nanoTime() & 0xffffffffL);
    triggers.put(id, new Trigger(user, System.nanoTime(), false));
    return id;
  }

  /**
   * How long trigger ids open views from now on ({@link #TRIGGER_LIFETIME} unless set): {@code
   * Duration.ZERO} makes every {@code views.open} late, as a bot slower than 3 s would be.
   */
  public void setTriggerLifetime(Duration lifetime) {
    this.triggerLifetime = lifetime;
  }

  /** What a trigger id opens a view for: its user, or why Slack refuses (the other is null). */
  record Exchange(String user, String refusal) {}

  /**
   * Uses {@code triggerId} to open a view: its user, or why Slack refuses ({@code
   * invalid_trigger_id}, {@code expired_trigger_id}, {@code exchanged_trigger_id}).
   */
  synchronized Exchange exchangeTrigger(String triggerId) {
    Trigger trigger = triggers.get(triggerId);
    if (trigger == null) {
      return new Exchange(null, "invalid_trigger_id");
    }
    if (trigger.exchanged()) {
      return new Exchange(null, "exchanged_trigger_id");
    }
    if (System.nanoTime() - trigger.issuedNanos() >= triggerLifetime.toNanos()) {
      return new Exchange(null, "expired_trigger_id");
    }
    triggers.put(triggerId, new Trigger(trigger.user(), trigger.issuedNanos(), true));
    return new Exchange(trigger.user(), null);
  }

  /** Every modal opened so far, open or not, in the order they were opened. */
  public synchronized List<SlackView> views() {
    return List.copyOf(views.values());
  }

  public synchronized Optional<SlackView> view(String id) {
    return Optional.ofNullable(views.get(id));
  }

  /** The modal open in front of {@code user}, if any: the newest one still open. */
  public synchronized Optional<SlackView> openView(String user) {
    SlackView found = null;
    for (SlackView view : views.values()) {
      if (view.user().equals(user) && view.isOpen()) {
        found = view;
      }
    }
    return Optional.ofNullable(found);
  }

  SlackView openView(String user, JsonNode view) {
    SlackView opened;
    synchronized (this) {
      String id = String.format("V0SANDBOX%04d", ++viewCount);
      opened = new SlackView(id, user, hash(), view, SlackView.State.OPEN);
      views.put(id, opened);
    }
    tell(new SlackActivity.ViewChanged(opened));
    return opened;
  }

  /** Replaces an open view: empty when it is not open; {@code hash_conflict} when stale. */
  Object updateView(String id, String hash, JsonNode view) {
    SlackView updated;
    synchronized (this) {
      SlackView old = views.get(id);
      if (old == null || !old.isOpen()) {
        return "not_found";
      }
      if (hash != null && !hash.equals(old.hash())) {
        return "hash_conflict";
      }
      updated = new SlackView(id, old.user(), hash(), view, SlackView.State.OPEN);
      views.put(id, updated);
    }
    tell(new SlackActivity.ViewChanged(updated));
    return updated;
  }

  /** The user submitted or closed the view {@code id}; empty when it was not open. */
  Optional<SlackView> endView(String id, SlackView.State state) {
    SlackView ended;
    synchronized (this) {
      SlackView old = views.get(id);
      if (old == null || !old.isOpen()) {
        return Optional.empty();
      }
      ended = old.with(state);
      views.put(id, ended);
    }
    tell(new SlackActivity.ViewChanged(ended));
    return Optional.of(ended);
  }

  private String hash() {
    return Long.toHexString(System.nanoTime()) + "." + viewCount;
  }

  // ---- the calls ----

  /**
   * Every request answered so far, in order, failed and refused ones included: Web API calls by
   * method, uploads to an upload URL as {@code upload}. Kept as long as the stand-in runs.
   */
  public synchronized List<SlackCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls of {@code method}, in order, failed and refused ones included. */
  public synchronized List<SlackCall> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  /** The calls of {@code method} that Slack did (HTTP 200, {@code ok: true}), in order. */
  public List<SlackCall> answered(String method) {
    return answered(method, call -> true);
  }

  /** The calls of {@code method} that Slack did and that match {@code filter}, in order. */
  public List<SlackCall> answered(String method, Predicate<SlackCall> filter) {
    return calls(method).stream().filter(SlackCall::ok).filter(filter).toList();
  }

  // ---- reading ----

  /** The channels' ids, in the order they were added or first posted to. */
  public synchronized List<String> channels() {
    return List.copyOf(channels.keySet());
  }

  /** A channel's messages, top-level and replies, in the order they were posted. */
  public synchronized List<SlackMessage> messages(String channel) {
    return List.copyOf(channels.getOrDefault(channel, List.of()));
  }

  /** A channel's top-level messages: what its history shows. */
  public synchronized List<SlackMessage> topLevel(String channel) {
    return messages(channel).stream().filter(m -> !m.isReply()).toList();
  }

  /** A thread: the parent, then its replies in order. */
  public synchronized List<SlackMessage> thread(String channel, String ts) {
    return messages(channel).stream()
        .filter(m -> m.ts().equals(ts) || ts.equals(m.threadTs()))
        .toList();
  }

  public synchronized Optional<SlackMessage> message(String channel, String ts) {
    return messages(channel).stream().filter(m -> m.ts().equals(ts)).findFirst();
  }

  public synchronized List<SlackEphemeral> ephemerals() {
    return List.copyOf(ephemerals);
  }

  /** The home tab last published for a user. */
  public synchronized Optional<JsonNode> home(String user) {
    return Optional.ofNullable(homes.get(user));
  }

  public synchronized Optional<SlackFile> file(String id) {
    return Optional.ofNullable(files.get(id));
  }

  /** Told of every message posted or updated, ephemeral message and home tab, as it happens. */
  public void addListener(Consumer<SlackActivity> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<SlackActivity> listener) {
    listeners.remove(listener);
  }

  // ---- what the Web API methods do ----

  synchronized Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  synchronized Optional<List<String>> usergroup(String id) {
    return Optional.ofNullable(usergroups.get(id));
  }

  synchronized boolean knowsChannel(String id) {
    return channels.containsKey(id);
  }

  SlackMessage post(
      String channel, String threadTs, String text, JsonNode blocks, List<String> fileIds) {
    SlackMessage message;
    synchronized (this) {
      String ts = timestamps.next();
      message = new SlackMessage(channel, ts, threadTs, BOT_USER_ID, text, blocks, fileIds, 0);
      channels.computeIfAbsent(channel, c -> new ArrayList<>()).add(message);
    }
    tell(new SlackActivity.MessagePosted(message));
    return message;
  }

  Optional<SlackMessage> update(String channel, String ts, String text, JsonNode blocks) {
    SlackMessage updated;
    synchronized (this) {
      List<SlackMessage> messages = channels.getOrDefault(channel, List.of());
      int index = -1;
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i).ts().equals(ts)) {
          index = i;
        }
      }
      if (index < 0) {
        return Optional.empty();
      }
      SlackMessage old = messages.get(index);
      updated =
          old.edited(text == null ? old.text() : text, blocks == null ? old.blocks() : blocks);
      messages.set(index, updated);
    }
    tell(new SlackActivity.MessageUpdated(updated));
    return Optional.of(updated);
  }

  SlackEphemeral postEphemeral(
      String channel, String user, String threadTs, String text, JsonNode blocks) {
    SlackEphemeral ephemeral;
    synchronized (this) {
      ephemeral = new SlackEphemeral(channel, user, timestamps.next(), threadTs, text, blocks);
      ephemerals.add(ephemeral);
    }
    tell(new SlackActivity.EphemeralPosted(ephemeral));
    return ephemeral;
  }

  void publishHome(String user, JsonNode view) {
    synchronized (this) {
      homes.put(user, view);
    }
    tell(new SlackActivity.HomePublished(user, view));
  }

  synchronized SlackFile reserveFile(String filename, long length) {
    SlackFile file =
        new SlackFile(String.format("F0SANDBOX%04d", ++fileCount), filename, length, null, null);
    files.put(file.id(), file);
    return file;
  }

  synchronized boolean receiveUpload(String fileId, byte[] content) {
    SlackFile file = files.get(fileId);
    if (file == null) {
      return false;
    }
    files.put(fileId, new SlackFile(fileId, file.filename(), file.length(), content, file.title()));
    return true;
  }

  synchronized Optional<SlackFile> completeFile(String fileId, String title) {
    SlackFile file = files.get(fileId);
    if (file == null || file.content() == null) {
      return Optional.empty();
    }
    SlackFile done =
        new SlackFile(
            fileId,
            file.filename(),
            file.length(),
            file.content(),
            title == null ? file.filename() : title);
    files.put(fileId, done);
    return Optional.of(done);
  }

  private void tell(SlackActivity activity) {
    for (Consumer<SlackActivity> listener : listeners) {
      listener.accept(activity);
    }
  }

  URI baseUrl() {
    return server.url();
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    server.close();
    synchronized (this) {
      if (socketMode != null) {
        socketMode.close();
      }
    }
  }
}
