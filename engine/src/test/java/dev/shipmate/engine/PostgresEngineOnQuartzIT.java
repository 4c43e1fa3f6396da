package dev.shipmate.engine;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import org.junit.jupiter.api.DisplayName;

@DisplayName("the engine on Quartz, on PostgreSQL")
class PostgresEngineOnQuartzIT extends EngineOnQuartzContract {
  @Override
  StoreSettings freshStore() {
    return TestDatabases.postgres();
  }
}
