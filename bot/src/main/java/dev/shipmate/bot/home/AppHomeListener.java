package dev.shipmate.bot.home;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.shipmate.engine.Engine;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When someone opens Shipmate's Home tab, publishes it ({@code views.publish}) with what is running
 * now and their recent runs. The event is acknowledged at once; the view is built and sent on the
 * executor.
 */
public final class AppHomeListener implements BoltEventHandler<AppHomeOpenedEvent> {

  private static final Logger log = LoggerFactory.getLogger(AppHomeListener.class);
  private static final int RECENT = 10;

  private final Engine engine;
  private final RecentRuns recent;
  private final HomeView view;
  private final MethodsClient methods;
  private final ExecutorService executor;

  public AppHomeListener(
      Engine engine,
      RecentRuns recent,
      HomeView view,
      MethodsClient methods,
      ExecutorService executor) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.recent = Objects.requireNonNull(recent, "recent");
    this.view = Objects.requireNonNull(view, "view");
    this.methods = Objects.requireNonNull(methods, "methods");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext context) {
    AppHomeOpenedEvent event = payload.getEvent();
    if (event != null && (event.getTab() == null || "home".equals(event.getTab()))) {
      String userId = event.getUser();
      try {
        executor.execute(() -> publish(userId));
      } catch (RejectedExecutionException stopping) {
        log.warn("not publishing the Home tab of {}: Shipmate is stopping", userId);
      }
    }
    return context.ack();
  }

  private void publish(String userId) {
    try {
      View home =
          view.render(engine.active(), recent.of(userId, RECENT), engine.freezes().active());
      ViewsPublishResponse response = methods.viewsPublish(r -> r.userId(userId).view(home));
      if (!response.isOk()) {
        log.warn("views.publish for {} refused: {}", userId, response.getError());
      }
    } catch (Exception e) {
      log.warn("the Home tab of {} could not be published: {}", userId, e.toString());
    }
  }
}
