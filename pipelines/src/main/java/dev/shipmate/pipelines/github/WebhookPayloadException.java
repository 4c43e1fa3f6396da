package dev.shipmate.pipelines.github;

/** A webhook delivery that is not what its event header says: answer 400 and do nothing. */
public final class WebhookPayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WebhookPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
