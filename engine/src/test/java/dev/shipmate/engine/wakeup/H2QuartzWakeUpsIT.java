package dev.shipmate.engine.wakeup;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Quartz wake-ups on an H2 file")
class H2QuartzWakeUpsIT extends QuartzWakeUpsContract {
  @TempDir static Path folder;

  @Override
  StoreSettings settings() {
    return TestDatabases.h2(folder);
  }
}
