package dev.shipmate.sandbox.aws;

/**
 * An error a stand-in answers with, in the words of the real service. Each protocol renders it in
 * its own shape, which is what lets the SDK raise the typed exception ({@code
 * InvalidChangeBatchException}, {@code ResourceNotFoundException}, ...).
 *
 * @param status the HTTP status
 * @param code the service's error code, e.g. {@code InvalidChangeBatch}
 * @param sender true for the caller's mistakes ({@code Sender}), false for the service's
 */
public final class AwsError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final boolean sender;

  public AwsError(int status, String code, String message, boolean sender) {
    super(message);
    this.status = status;
    this.code = code;
    this.sender = sender;
  }

  public static AwsError badRequest(String code, String message) {
    return new AwsError(400, code, message, true);
  }

  public static AwsError notFound(String code, String message) {
    return new AwsError(404, code, message, true);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** {@code Sender} or {@code Receiver}, as the XML protocols put it. */
  public String type() {
    return sender ? "Sender" : "Receiver";
  }
}
