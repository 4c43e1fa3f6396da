package dev.shipmate.bot.dispatch;

/** Answers a click on one kind of button with a {@link ClickReply}. */
@FunctionalInterface
public interface ButtonHandler {
  ClickReply handle(Click click);
}
