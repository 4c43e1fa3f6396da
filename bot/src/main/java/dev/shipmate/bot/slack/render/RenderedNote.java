package dev.shipmate.bot.slack.render;

/** A thread note as Slack gets it: a message, or a file when it is too long for one. */
public sealed interface RenderedNote {

  /**
   * A note short enough to be a message.
   *
   * @param broadcast whether it is shown in the channel too ({@code reply_broadcast})
   */
  record InMessage(SlackMessage message, boolean broadcast) implements RenderedNote {
    public InMessage(SlackMessage message) {
      this(message, false);
    }
  }

  /**
   * A note uploaded as a file ({@code files.getUploadURLExternal}, upload, {@code
   * files.completeUploadExternal}).
   *
   * @param comment the message shown with the file in the thread
   * @param filename the file's name
   * @param content the file's text
   */
  record AsFile(String comment, String filename, String content) implements RenderedNote {}
}
