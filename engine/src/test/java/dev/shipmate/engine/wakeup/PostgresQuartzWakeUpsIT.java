package dev.shipmate.engine.wakeup;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Quartz wake-ups on PostgreSQL")
class PostgresQuartzWakeUpsIT extends QuartzWakeUpsContract {
  @Override
  StoreSettings settings() {
    return TestDatabases.postgres();
  }
}
