package dev.shipmate.bot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny Slack Web API on a free local port: answers {@code auth.test} as a workspace would for a
 * bot (or, if told to, as for a revoked token), refuses every other method, and remembers which
 * methods were called.
 */
public final class SlackApiStandIn implements AutoCloseable {

  public static final String TEAM_ID = "T0SHIPMATE";
  public static final String BOT_USER_ID = "U0SHIPMATE";

  private static final String AUTH_TEST =
      """
      {"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"shipmate",\
      "team_id":"%s","user_id":"%s","bot_id":"B0SHIPMATE","is_enterprise_install":false}"""
          .formatted(TEAM_ID, BOT_USER_ID);

  private static final String INVALID_AUTH = "{\"ok\":false,\"error\":\"invalid_auth\"}";

  private final HttpServer server;
  private final String authTestAnswer;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private SlackApiStandIn(HttpServer server, String authTestAnswer) {
    this.server = server;
    this.authTestAnswer = authTestAnswer;
  }

  /** A workspace that knows the bot's token. */
  public static SlackApiStandIn start() throws IOException {
    return start(AUTH_TEST);
  }

  /** A workspace that answers {@code invalid_auth}, as for a wrong or revoked token. */
  public static SlackApiStandIn rejectingTheToken() throws IOException {
    return start(INVALID_AUTH);
  }

  private static SlackApiStandIn start(String authTestAnswer) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SlackApiStandIn standIn = new SlackApiStandIn(server, authTestAnswer);
    server.createContext("/api/", standIn::answer);
    server.start();
    return standIn;
  }

  /** The base URL to hand Shipmate as {@code SLACK_API_URL}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  /** The Web API methods called so far, in order ({@code auth.test}, …). */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      calls.add(method);
      String body =
          method.equals("auth.test")
              ? authTestAnswer
              : "{\"ok\":false,\"error\":\"unknown_method\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
