package dev.shipmate.bot.slack.publish;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of the Slack Web API a run card needs, on a free local port: {@code chat.postMessage},
 * {@code chat.update} and the three-call file upload. It remembers every call with its form
 * parameters and can be told to fail the next calls of a method (a 429 with {@code Retry-After}, a
 * 500, or an {@code ok:false} error).
 */
final class SlackWebStandIn implements AutoCloseable {

  /** One call as it reached the stand-in, and the HTTP status it was answered with. */
  record Call(String method, Map<String, String> params, int status, int bodyLength) {
    String param(String name) {
      return params.get(name);
    }
  }

  private record Failure(int status, String retryAfter, String error) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Failure>> failures = new LinkedHashMap<>();
  private final AtomicInteger messages = new AtomicInteger(100);
  private final AtomicInteger files = new AtomicInteger();

  private SlackWebStandIn(HttpServer server) {
    this.server = server;
  }

  static SlackWebStandIn start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SlackWebStandIn standIn = new SlackWebStandIn(server);
    server.createContext("/api/", standIn::answerApi);
    server.createContext("/upload/", standIn::answerUpload);
    server.start();
    return standIn;
  }

  URI apiUrl() {
    return URI.create(base() + "/api/");
  }

  /** The next {@code times} calls of {@code method} answer HTTP {@code status}. */
  synchronized void failNext(String method, int times, int status, String retryAfter) {
    for (int i = 0; i < times; i++) {
      failures
          .computeIfAbsent(method, m -> new ArrayDeque<>())
          .add(new Failure(status, retryAfter, null));
    }
  }

  /** The next call of {@code method} answers {@code ok:false} with {@code error}. */
  synchronized void refuseNext(String method, String error) {
    failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure(200, null, error));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  /** The calls of {@code method} that Slack took (HTTP 200). */
  List<Call> answered(String method) {
    return calls(method).stream().filter(call -> call.status() == 200).toList();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized Failure nextFailure(String method) {
    Deque<Failure> queue = failures.get(method);
    return queue == null ? null : queue.poll();
  }

  private void answerApi(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params = form(body);
      Failure failure = nextFailure(method);
      if (failure != null && failure.status() != 200) {
        calls.add(new Call(method, params, failure.status(), body.length()));
        if (failure.retryAfter() != null) {
          exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
        }
        respond(exchange, failure.status(), "{\"ok\":false,\"error\":\"ratelimited\"}");
        return;
      }
      calls.add(new Call(method, params, 200, body.length()));
      respond(exchange, 200, failure != null ? error(failure.error()) : success(method, params));
    }
  }

  private String success(String method, Map<String, String> params) {
    return switch (method) {
      case "chat.postMessage" ->
          """
          {"ok":true,"channel":"%s","ts":"1700000000.%06d"}"""
              .formatted(params.get("channel"), messages.incrementAndGet());
      case "chat.update" ->
          """
          {"ok":true,"channel":"%s","ts":"%s"}"""
              .formatted(params.get("channel"), params.get("ts"));
      case "files.getUploadURLExternal" -> {
        String id = "F%04d".formatted(files.incrementAndGet());
        yield """
            {"ok":true,"upload_url":"%s/upload/%s","file_id":"%s"}"""
            .formatted(base(), id, id);
      }
      case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[]}";
      default -> error("unknown_method");
    };
  }

  private void answerUpload(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String text = new String(body, StandardCharsets.UTF_8);
      calls.add(new Call("upload", Map.of("content", text), 200, body.length));
      respond(exchange, 200, "OK - " + body.length);
    }
  }

  private static String error(String error) {
    return "{\"ok\":false,\"error\":\"" + error + "\"}";
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
