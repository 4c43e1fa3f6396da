package dev.shipmate.engine.store;

/** The database could not do what the engine asked: a connection, a statement, a commit. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
