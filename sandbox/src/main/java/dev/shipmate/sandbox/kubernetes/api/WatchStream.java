package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.Json;
import dev.shipmate.sandbox.kubernetes.store.ObjectStore;
import dev.shipmate.sandbox.kubernetes.store.Selection;
import dev.shipmate.sandbox.kubernetes.store.Subscription;
import dev.shipmate.sandbox.kubernetes.store.WatchEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches, both ways clients open them: a chunked HTTP response with one JSON event per line
 * (kubectl, client-go) or a WebSocket with one event per text frame (fabric8's default). Events
 * leave on the connection's own event-loop thread, in store order.
 */
final class WatchStream {

  private final Vertx vertx;
  private final ObjectStore store;
  private final TableRenderer tables;
  private final Set<OpenWatch> open = ConcurrentHashMap.newKeySet();

  WatchStream(Vertx vertx, ObjectStore store, TableRenderer tables) {
    this.vertx = vertx;
    this.store = store;
    this.tables = tables;
  }

  static boolean isWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  void open(HttpServerRequest request, RequestTarget target) {
    Selection selection =
        Selection.parse(request.getParam("labelSelector"), fieldSelector(request, target));
    String resourceVersion = request.getParam("resourceVersion");
    long timeoutMillis = timeoutMillis(request.getParam("timeoutSeconds"));
    Context context = vertx.getOrCreateContext();
    String accept = request.getHeader("Accept");
    boolean asTable = accept != null && accept.contains("as=Table");
    Function<WatchEvent, ObjectNode> render =
        event -> {
          ObjectNode body = Json.MAPPER.createObjectNode();
          body.put("type", event.type());
          body.set(
              "object",
              asTable
                  ? tables.render(target.type(), event.object()).orElse(event.object())
                  : event.object());
          return body;
        };
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      // Subscribed before the handshake completes, as the API server does: a client's watch()
      // returns once the socket is open, and a change it makes right then must not be missed.
      PendingSocket socket = new PendingSocket();
      start(
          context,
          render,
          target,
          selection,
          resourceVersion,
          timeoutMillis,
          socket::send,
          socket::close,
          socket::onClose);
      request.toWebSocket().onSuccess(socket::attach).onFailure(ignored -> socket.lost());
      return;
    }
    HttpServerResponse response = request.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader("Content-Type", "application/json");
    response.putHeader("Cache-Control", "no-cache, private");
    start(
        context,
        render,
        target,
        selection,
        resourceVersion,
        timeoutMillis,
        line -> response.write(line + "\n"),
        () -> {
          if (!response.ended()) {
            response.end();
          }
        },
        handler -> response.closeHandler(ignored -> handler.run()));
    if (!response.ended()) {
      // Headers now, not with the first event: a client waits for them before it reads on.
      response.writeHead();
    }
  }

  /** Ends every open watch: the server is stopping. */
  void closeAll() {
    for (OpenWatch watch : Set.copyOf(open)) {
      watch.stop();
    }
  }

  private void start(
      Context context,
      Function<WatchEvent, ObjectNode> render,
      RequestTarget target,
      Selection selection,
      String resourceVersion,
      long timeoutMillis,
      Consumer<String> send,
      Runnable end,
      Consumer<Runnable> onPeerClose) {
    Subscription subscription;
    try {
      subscription =
          store.watch(
              target.type(),
              target.namespace(),
              selection,
              resourceVersion,
              event -> {
                String line = Json.write(render.apply(event));
                context.runOnContext(ignored -> send.accept(line));
              });
    } catch (ApiException e) {
      ObjectNode error = Json.MAPPER.createObjectNode();
      error.put("type", "ERROR");
      error.set("object", e.toStatus());
      send.accept(Json.write(error));
      end.run();
      return;
    }
    OpenWatch watch = new OpenWatch(subscription, context, end);
    open.add(watch);
    if (timeoutMillis > 0) {
      watch.timer = vertx.setTimer(timeoutMillis, ignored -> watch.stop());
    }
    onPeerClose.accept(watch::forget);
  }

  /**
   * A WebSocket still being opened: events wait here, in order, until it is, then go out; an end
   * asked for meanwhile closes it once it is open.
   */
  private static final class PendingSocket {
    private final List<String> waiting = new ArrayList<>();
    private ServerWebSocket socket;
    private boolean closing;
    private Runnable onPeerClose = () -> {};

    synchronized void send(String line) {
      if (socket == null) {
        waiting.add(line);
      } else {
        socket.writeTextMessage(line);
      }
    }

    synchronized void close() {
      if (socket == null) {
        closing = true;
      } else {
        socket.close();
      }
    }

    synchronized void onClose(Runnable handler) {
      onPeerClose = handler;
    }

    synchronized void attach(ServerWebSocket opened) {
      socket = opened;
      Runnable peerClosed = onPeerClose;
      opened.closeHandler(ignored -> peerClosed.run());
      waiting.forEach(opened::writeTextMessage);
      waiting.clear();
      if (closing) {
        opened.close();
      }
    }

    /** The handshake failed: nobody will read this watch. */
    void lost() {
      Runnable peerClosed;
      synchronized (this) {
        waiting.clear();
        peerClosed = onPeerClose;
      }
      peerClosed.run();
    }
  }

  /** One watch being served, until the server stops it or the client goes. */
  private final class OpenWatch {
    private final Subscription subscription;
    private final Context context;
    private final Runnable end;
    private long timer = -1;

    private OpenWatch(Subscription subscription, Context context, Runnable end) {
      this.subscription = subscription;
      this.context = context;
      this.end = end;
    }

    /** The server ends it: its timeout passed, or the server stops. */
    void stop() {
      if (forget()) {
        context.runOnContext(ignored -> end.run());
      }
    }

    /** Stops feeding it; true the first time only. */
    boolean forget() {
      if (!open.remove(this)) {
        return false;
      }
      subscription.close();
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      return true;
    }
  }

  /** A watch on one named object ({@code .../pods/web?watch=true}) is a watch on its name. */
  private static String fieldSelector(HttpServerRequest request, RequestTarget target) {
    String given = request.getParam("fieldSelector");
    if (target.name() == null) {
      return given;
    }
    String byName = "metadata.name=" + target.name();
    return given == null || given.isEmpty() ? byName : given + "," + byName;
  }

  private static long timeoutMillis(String timeoutSeconds) {
    if (timeoutSeconds == null || timeoutSeconds.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(timeoutSeconds)) * 1000;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("timeoutSeconds: Invalid value: \"" + timeoutSeconds + "\"");
    }
  }
}
