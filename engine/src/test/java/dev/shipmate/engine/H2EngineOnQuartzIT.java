package dev.shipmate.engine;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the engine on Quartz, on an H2 file")
class H2EngineOnQuartzIT extends EngineOnQuartzContract {
  @TempDir Path folder;

  @Override
  StoreSettings freshStore() {
    return TestDatabases.h2(folder);
  }
}
