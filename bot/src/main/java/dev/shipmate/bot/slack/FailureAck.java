package dev.shipmate.bot.slack;

import com.slack.api.bolt.response.Response;
import dev.shipmate.bot.dispatch.HandlerFailures;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack is answered when something escapes the Bolt app (its listeners answer their own
 * failures): the failure logged under a reference, and the person told it with "nothing was
 * changed", so that Slack never shows a bare error or timeout. The same over HTTP and Socket Mode.
 */
public final class FailureAck {
  private static final Logger log = LoggerFactory.getLogger(FailureAck.class);

  private FailureAck() {}

  /**
   * @param requestType what Bolt read the request as (a slash command, a block action…)
   */
  public static Response of(Object requestType, Throwable failure) {
    String ref = HandlerFailures.newRef();
    log.error("ref {}: the Slack app failed on a {} request", ref, requestType, failure);
    return Response.json(
        200,
        Map.of(
            "response_type",
            "ephemeral",
            "text",
            "Shipmate could not answer this (ref " + ref + "); nothing was changed."));
  }
}
