package dev.shipmate.bot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Slack Web API of a workspace, as far as Shipmate uses it, on a free local port: {@code
 * auth.test}, {@code chat.postMessage} (answering a fresh {@code ts}), {@code chat.update}, {@code
 * chat.postEphemeral}, {@code views.publish} and {@code usergroups.users.list} (with the members it
 * is given). It records every call with its form parameters, and can be told to answer the next
 * calls of a method with an HTTP error (a 429 with {@code Retry-After}).
 */
public final class SlackWorkspaceStandIn implements AutoCloseable {

  /** One call as it reached the stand-in, and the HTTP status it was answered with. */
  public record Call(String method, Map<String, String> params, int status) {
    public String param(String name) {
      return params.get(name);
    }

    public boolean ok() {
      return status == 200;
    }
  }

  private record Failure(int status, String retryAfter) {}

  private static final String AUTH_TEST =
      """
      {"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"shipmate",\
      "team_id":"%s","user_id":"%s","bot_id":"B0SHIPMATE","is_enterprise_install":false}"""
          .formatted(SlackApiStandIn.TEAM_ID, SlackApiStandIn.BOT_USER_ID);

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Failure>> failures = new LinkedHashMap<>();
  private final Map<String, Set<String>> userGroups = new ConcurrentHashMap<>();
  private final AtomicInteger messages = new AtomicInteger(100);

  private SlackWorkspaceStandIn(HttpServer server) {
    this.server = server;
  }

  public static SlackWorkspaceStandIn start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SlackWorkspaceStandIn standIn = new SlackWorkspaceStandIn(server);
    server.createContext("/api/", standIn::answer);
    server.start();
    return standIn;
  }

  /** The base URL to hand Shipmate as {@code SLACK_API_URL}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  /** The Slack user group {@code id} has these members. */
  public void userGroup(String id, Set<String> members) {
    userGroups.put(id, Set.copyOf(members));
  }

  /** The next {@code times} calls of {@code method} answer HTTP {@code status}. */
  public synchronized void failNext(String method, int times, int status, String retryAfter) {
    for (int i = 0; i < times; i++) {
      failures
          .computeIfAbsent(method, m -> new ArrayDeque<>())
          .add(new Failure(status, retryAfter));
    }
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  /** The calls of {@code method} Slack took, that match {@code filter}. */
  public List<Call> answered(String method, Predicate<Call> filter) {
    return calls(method).stream().filter(Call::ok).filter(filter).toList();
  }

  /** The messages posted in the thread under {@code ts}, their text, in order. */
  public List<String> thread(String ts) {
    return answered("chat.postMessage", call -> ts.equals(call.param("thread_ts"))).stream()
        .map(call -> call.param("text"))
        .collect(Collectors.toList());
  }

  private synchronized Failure nextFailure(String method) {
    Deque<Failure> queue = failures.get(method);
    return queue == null ? null : queue.poll();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params = form(body);
      Failure failure = nextFailure(method);
      if (failure != null) {
        calls.add(new Call(method, params, failure.status()));
        if (failure.retryAfter() != null) {
          exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
        }
        respond(exchange, failure.status(), "{\"ok\":false,\"error\":\"ratelimited\"}");
        return;
      }
      calls.add(new Call(method, params, 200));
      respond(exchange, 200, success(method, params));
    }
  }

  private String success(String method, Map<String, String> params) {
    return switch (method) {
      case "auth.test" -> AUTH_TEST;
      case "chat.postMessage" ->
          """
          {"ok":true,"channel":"%s","ts":"1700000000.%06d"}"""
              .formatted(params.get("channel"), messages.incrementAndGet());
      case "chat.update" ->
          """
          {"ok":true,"channel":"%s","ts":"%s"}"""
              .formatted(params.get("channel"), params.get("ts"));
      case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"1700000001.000001\"}";
      case "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V0HOME\",\"type\":\"home\"}}";
      case "usergroups.users.list" -> {
        Set<String> members = userGroups.get(params.get("usergroup"));
        yield members == null
            ? "{\"ok\":false,\"error\":\"no_such_subteam\"}"
            : "{\"ok\":true,\"users\":["
                + members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","))
                + "]}";
      }
      default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
    };
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
