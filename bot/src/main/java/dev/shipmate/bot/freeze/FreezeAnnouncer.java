package dev.shipmate.bot.freeze;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.shipmate.engine.Engine;
import dev.shipmate.engine.audit.AuditEntry;
import dev.shipmate.engine.run.ReplyAddress;
import dev.shipmate.engine.run.Run;
import dev.shipmate.engine.run.RunEvent;
import dev.shipmate.engine.run.RunListener;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the channel what changes change control: a freeze set or lifted, and — loudly — a run
 * asked for through a freeze ({@code --break-glass}) and who approved it. Messages are posted off
 * the caller's thread (the ack's, or the engine's).
 */
final class FreezeAnnouncer implements RunListener {
  private static final Logger log = LoggerFactory.getLogger(FreezeAnnouncer.class);

  private final MethodsClient methods;
  private final Engine engine;
  private final ExecutorService executor;

  FreezeAnnouncer(MethodsClient methods, Engine engine, ExecutorService executor) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Posts {@code text} to {@code channel}, soon. */
  void announce(String channel, String text) {
    try {
      executor.execute(() -> post(channel, text));
    } catch (RejectedExecutionException stopping) {
      log.warn("not announcing in {}: Shipmate is stopping ({})", channel, text);
    }
  }

  @Override
  public void onEvent(RunEvent event) {
    if (event instanceof RunEvent.RunRequested requested) {
      later(requested.run(), Optional.empty());
    } else if (event instanceof RunEvent.ApprovalRecorded approval) {
      later(approval.run(), Optional.of(approval.approver()));
    }
  }

  private void later(Run run, Optional<String> approver) {
    Optional<String> channel = run.replyTo().map(ReplyAddress::channel);
    // A run that broke the glass always waits for an approval: others need no look at the ledger.
    if (channel.isEmpty() || run.approvalsRequired() == 0) {
      return;
    }
    try {
      executor.execute(() -> breakGlass(run, channel.get(), approver));
    } catch (RejectedExecutionException stopping) {
      log.warn("not announcing the break-glass of {}: Shipmate is stopping", run.id());
    }
  }

  private void breakGlass(Run run, String channel, Optional<String> approver) {
    Optional<AuditEntry> breakGlass = engine.breakGlassOf(run.id());
    if (breakGlass.isEmpty()) {
      return;
    }
    String why = breakGlass.get().detail();
    post(
        channel,
        approver
            .map(
                by ->
                    ":rotating_light: Break-glass: <@"
                        + by
                        + "> approved "
                        + run.id()
                        + " ("
                        + run.summary()
                        + ", asked by <@"
                        + run.requester()
                        + ">). "
                        + capitalized(why)
                        + ".")
            .orElseGet(
                () ->
                    ":rotating_light: Break-glass: <@"
                        + run.requester()
                        + "> asks to "
                        + run.summary()
                        + " during a freeze, as run "
                        + run.id()
                        + ". "
                        + capitalized(why)
                        + ". It waits for an approval from someone else who may approve."));
  }

  private void post(String channel, String text) {
    try {
      ChatPostMessageResponse response =
          methods.chatPostMessage(r -> r.channel(channel).text(text));
      if (!response.isOk()) {
        log.warn("announcing in {} was refused: {}", channel, response.getError());
      }
    } catch (Exception e) {
      log.warn("announcing in {} failed: {}", channel, e.toString());
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
