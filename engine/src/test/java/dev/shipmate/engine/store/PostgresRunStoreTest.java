package dev.shipmate.engine.store;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import org.junit.jupiter.api.DisplayName;

@DisplayName("RunStore on PostgreSQL")
class PostgresRunStoreTest extends RunStoreContract {
  @Override
  StoreSettings settings() {
    return TestDatabases.postgres();
  }
}
