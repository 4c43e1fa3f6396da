package dev.shipmate.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import dev.shipmate.config.ConfigLoader;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.freeze.ActiveFreeze;
import dev.shipmate.engine.freeze.FreezeCalendar;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The example's weekend freeze, at fixed instants: the tests that run the example on the real clock
 * leave it out ({@link ExampleConfig#withoutFreezes}, {@link E2eWorld#withoutFreezes}), so that
 * they pass on any day; this one checks what they leave out.
 */
@DisplayName("the example's weekend freeze")
class ExampleFreezeTest {

  private static ShipmateConfig example() {
    return new ConfigLoader(ExampleConfig.ENV).load(ExampleConfig.FILE).orThrow();
  }

  @Test
  @DisplayName("freezes prod from Friday 16:00 to Monday 08:00 Berlin time, summer and winter")
  void weekend() {
    FreezeCalendar calendar = new FreezeCalendar(example().freezes());

    // Friday 2026-12-11, winter (UTC+1): 15:59 and 16:00 in Berlin
    assertThat(calendar.activeAt(Instant.parse("2026-12-11T14:59:00Z"))).isEmpty();
    ActiveFreeze weekend = calendar.activeAt(Instant.parse("2026-12-11T15:00:00Z")).get(0);
    assertThat(weekend.name()).isEqualTo("weekend");
    assertThat(weekend.reason()).isEqualTo("No production changes at the weekend");
    assertThat(weekend.until()).isEqualTo(Instant.parse("2026-12-14T07:00:00Z"));
    assertThat(calendar.activeAt(Instant.parse("2026-12-14T07:00:00Z"))).isEmpty();
    // Friday 2027-06-11, summer (UTC+2)
    assertThat(calendar.activeAt(Instant.parse("2027-06-11T13:59:00Z"))).isEmpty();
    assertThat(calendar.activeAt(Instant.parse("2027-06-11T14:00:00Z"))).hasSize(1);
  }

  @Test
  @DisplayName("the fixtures' copies leave out the freeze and nothing else")
  void fixturesLeaveOutOnlyTheFreeze() throws Exception {
    ShipmateConfig example = example();
    String cut = E2eWorld.withoutFreezes(Files.readString(ExampleConfig.FILE));
    ShipmateConfig parsed =
        new ConfigLoader(ExampleConfig.ENV)
            .parse(cut, "cut.yaml", ExampleConfig.FILE.toAbsolutePath().normalize().getParent())
            .orThrow();

    assertThat(example.freezes()).isNotEmpty();
    assertThat(parsed.freezes()).isEmpty();
    assertThat(parsed.withFreezes(example.freezes())).isEqualTo(example);
    assertThat(ExampleConfig.load().freezes()).isEmpty();
  }
}
