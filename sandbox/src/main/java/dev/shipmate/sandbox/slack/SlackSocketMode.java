package dev.shipmate.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's side of Socket Mode: {@code apps.connections.open} hands out a single-use WebSocket URL
 * (a ticket); a client that connects with it gets {@code hello}, then envelopes ({@code
 * slash_commands}, {@code interactive}, {@code events_api}) that it must acknowledge within 3
 * seconds by sending their {@code envelope_id} back (with a response payload where the envelope
 * accepts one). Slack spreads an app's envelopes over its open connections (up to 10); so does
 * this. An envelope not acknowledged in time is what Slack shows as a timeout to the user.
 */
public final class SlackSocketMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long Slack waits for an envelope's acknowledgement. */
  public static final Duration ACK_WITHIN = Duration.ofSeconds(3);

  /** The most connections Slack keeps open for one app. */
  public static final int MAX_CONNECTIONS = 10;

  /** An envelope nobody acknowledged in time, or that could not be sent at all. */
  public static final class NotAcknowledgedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAcknowledgedException(String message) {
      super(message);
    }
  }

  private final String appId;
  private final Vertx vertx;
  private final HttpServer server;
  private final Set<String> tickets = ConcurrentHashMap.newKeySet();
  private final List<ServerWebSocket> connections = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<JsonNode>> awaitingAck = new ConcurrentHashMap<>();

  SlackSocketMode(String appId, String host) {
    this.appId = appId;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    this.server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
            .webSocketHandler(this::connected);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the Socket Mode stand-in cannot listen on " + host, e);
    }
  }

  /**
   * What {@code apps.connections.open} answers: a WebSocket URL with a ticket good for one
   * connection.
   */
  URI open() {
    String ticket = UUID.randomUUID().toString();
    tickets.add(ticket);
    return URI.create(
        "ws://127.0.0.1:" + server.actualPort() + "/link/?ticket=" + ticket + "&app_id=" + appId);
  }

  /** How many clients are connected now. */
  public int connections() {
    return connections.size();
  }

  /** Waits until at least {@code count} clients are connected. */
  public void awaitConnections(int count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (connections.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "expected "
                + count
                + " Socket Mode connection(s) within "
                + within
                + ", have "
                + connections.size());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Socket Mode connections", e);
      }
    }
  }

  /**
   * Sends an envelope to one of the open connections and waits for its acknowledgement.
   *
   * @param type {@code slash_commands}, {@code interactive} or {@code events_api}
   * @return the acknowledgement's {@code payload} (an empty object when it had none)
   * @throws NotAcknowledgedException when no client is connected or none acknowledged in time
   */
  public JsonNode deliver(String type, JsonNode payload) {
    List<ServerWebSocket> open = new ArrayList<>(connections);
    if (open.isEmpty()) {
      throw new NotAcknowledgedException(
          "no Socket Mode connection is open: the app has not called apps.connections.open");
    }
    ServerWebSocket socket = open.get(ThreadLocalRandom.current().nextInt(open.size()));
    String envelopeId = UUID.randomUUID().toString();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId);
    envelope.set("payload", payload);
    envelope.put("type", type);
    envelope.put("accepts_response_payload", !"events_api".equals(type));
    CompletableFuture<JsonNode> ack = new CompletableFuture<>();
    awaitingAck.put(envelopeId, ack);
    try {
      vertx.runOnContext(ignored -> socket.writeTextMessage(envelope.toString()));
      return ack.get(ACK_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      throw new NotAcknowledgedException(
          "the " + type + " envelope was not acknowledged within " + ACK_WITHIN.toSeconds() + "s");
    } catch (ExecutionException e) {
      throw new NotAcknowledgedException("the " + type + " envelope failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotAcknowledgedException("interrupted waiting for an acknowledgement");
    } finally {
      awaitingAck.remove(envelopeId);
    }
  }

  /**
   * Asks every client to reconnect, as Slack does before it recycles a connection ({@code
   * disconnect} with reason {@code refresh_requested}), then closes the old sockets.
   */
  public void refreshAll() {
    ObjectNode disconnect = JSON.createObjectNode();
    disconnect.put("type", "disconnect");
    disconnect.put("reason", "refresh_requested");
    for (ServerWebSocket socket : connections) {
      vertx.runOnContext(
          ignored -> {
            socket.writeTextMessage(disconnect.toString());
            vertx.setTimer(500, timer -> socket.close());
          });
    }
  }

  private void connected(ServerWebSocket socket) {
    String ticket = query(socket.query(), "ticket");
    if (!"/link/".equals(socket.path()) || ticket == null || !tickets.remove(ticket)) {
      // Slack refuses a reused or made-up ticket.
      socket.reject(401);
      return;
    }
    if (connections.size() >= MAX_CONNECTIONS) {
      socket.reject(429);
      return;
    }
    connections.add(socket);
    socket.closeHandler(closed -> connections.remove(socket));
    socket.textMessageHandler(this::acknowledged);
    ObjectNode hello = JSON.createObjectNode();
    hello.put("type", "hello");
    hello.put("num_connections", connections.size());
    hello.putObject("debug_info").put("host", "sandbox-applink").put("build_number", 1);
    hello.putObject("connection_info").put("app_id", appId);
    socket.writeTextMessage(hello.toString());
  }

  private void acknowledged(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException notJson) {
      log.warn("Socket Mode: a client sent what is not JSON: {}", text);
      return;
    }
    String envelopeId = message.path("envelope_id").asText("");
    CompletableFuture<JsonNode> ack = awaitingAck.get(envelopeId);
    if (ack == null) {
      log.warn("Socket Mode: an acknowledgement of no envelope awaiting one: {}", text);
      return;
    }
    JsonNode payload = message.get("payload");
    ack.complete(payload == null || payload.isNull() ? JSON.createObjectNode() : payload);
  }

  private static String query(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return pair.substring(equals + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("the Socket Mode stand-in did not stop cleanly", e);
    }
  }
}
