package dev.shipmate.bot.http;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import dev.shipmate.bot.slack.FailureAck;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: Bolt's app behind the same steps as Bolt's own {@code
 * SlackAppServlet}, without its two 500s. Bolt parses the body into a request before it verifies
 * the signature, and some malformed payloads (a {@code block_actions} without {@code user}) make
 * that parse throw; its servlet lets that escape as a 500. Here a body Bolt cannot read is a 400,
 * and anything that still escapes the app (the listeners answer their own failures) is logged under
 * a reference and acknowledged, so Slack never shows "dispatch_failed".
 */
final class SlackEventsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

  private final transient App app;
  private final transient SlackAppServletAdapter adapter;

  SlackEventsServlet(App app) {
    this.app = app;
    this.adapter = new SlackAppServletAdapter(app.config());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Request<?> slackRequest;
    try {
      slackRequest = adapter.buildSlackRequest(request);
    } catch (RuntimeException unreadable) {
      // Not yet authenticated: no stack trace for what anyone can send.
      log.debug("a request Bolt cannot read: {}", unreadable.toString());
      slackRequest = null;
    }
    if (slackRequest == null) {
      plain(response, 400, "Invalid Request");
      return;
    }
    try {
      adapter.writeResponse(response, app.run(slackRequest));
    } catch (Exception failure) {
      adapter.writeResponse(response, FailureAck.of(slackRequest.getRequestType(), failure));
    }
  }

  private static void plain(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
