package dev.shipmate.engine.store;

import dev.shipmate.config.StoreSettings;
import dev.shipmate.engine.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RunStore on an H2 file")
class H2RunStoreTest extends RunStoreContract {
  @TempDir static Path folder;

  @Override
  StoreSettings settings() {
    return TestDatabases.h2(folder);
  }
}
