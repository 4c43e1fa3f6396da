package dev.shipmate.bot.serve;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.store.JdbcUrls;

/** The store (runs, locks, Quartz) could not be opened or migrated, so nothing can run. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(StoreSettings store, RuntimeException cause) {
    super(
        "the store at "
            + JdbcUrls.redacted(store.url())
            + " could not be opened ("
            + cause.getMessage()
            + "). Check SHIPMATE_DB_URL (store.url in the configuration), its credentials, and that"
            + " the database is reachable.",
        cause);
  }
}
