package dev.shipmate.bot.slack.budget;

import java.util.concurrent.CompletableFuture;

/**
 * A call waiting for its turn in a method's budget. {@link #granted()} completes when it may go;
 * the call is then counted, whether it is made or not.
 */
public final class Ticket {

  private final String method;
  private final String channel;
  private final long sequence;
  private final CompletableFuture<Void> granted = new CompletableFuture<>();
  private volatile Urgency urgency;

  Ticket(String method, String channel, Urgency urgency, long sequence) {
    this.method = method;
    this.channel = channel;
    this.urgency = urgency;
    this.sequence = sequence;
  }

  /** Completes when the call may go; never completes exceptionally. */
  public CompletableFuture<Void> granted() {
    return granted;
  }

  public String method() {
    return method;
  }

  /** The channel whose budget it waits in ({@code chat.postMessage}), else null. */
  String channel() {
    return channel;
  }

  public Urgency urgency() {
    return urgency;
  }

  long sequence() {
    return sequence;
  }

  void urgency(Urgency raised) {
    this.urgency = raised;
  }

  @Override
  public String toString() {
    return method + (channel == null ? "" : " in " + channel) + " (" + urgency + ")";
  }
}
