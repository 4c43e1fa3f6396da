package dev.shipmate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  @DisplayName("an H2 file URL gets WRITE_DELAY=0 and the interrupt-safe async file system")
  void h2File() {
    assertThat(JdbcUrls.normalize("jdbc:h2:file:./data/shipmate"))
        .isEqualTo("jdbc:h2:async:./data/shipmate;WRITE_DELAY=0");
  }

  @Test
  @DisplayName("a WRITE_DELAY the URL sets itself is kept")
  void keepsExplicitWriteDelay() {
    assertThat(JdbcUrls.normalize("jdbc:h2:mem:x;write_delay=100"))
        .isEqualTo("jdbc:h2:mem:x;write_delay=100");
  }

  @Test
  @DisplayName("a PostgreSQL URL is left alone")
  void postgres() {
    assertThat(JdbcUrls.normalize("jdbc:postgresql://db:5432/shipmate?user=s"))
        .isEqualTo("jdbc:postgresql://db:5432/shipmate?user=s");
  }

  @Test
  @DisplayName("another database is refused with the URLs that work, and without the URL's secrets")
  void refusesOthers() {
    assertThatThrownBy(() -> JdbcUrls.normalize("jdbc:mysql://db/shipmate?password=hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "store.url 'jdbc:mysql://db/shipmate…' is neither H2 nor PostgreSQL: use"
                + " jdbc:h2:file:./data/shipmate or jdbc:postgresql://host:5432/shipmate");
  }
}
