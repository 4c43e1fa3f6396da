package dev.shipmate.bot.commandlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipmate.bot.testing.ExampleConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freezes of clusters and cutovers through the command layer (grammar, dispatcher, slices, a real
 * engine; no Slack): what each frozen start says, and who may lift a freeze.
 */
@DisplayName("freezes of clusters and cutovers, through the command layer")
class FreezeCommandLayerTest {
  static final String SRE_1 = "U01SRE1";
  static final String SRE_2 = "U01SRE2";
  static final String BACKEND = "U02BE1";

  @TempDir Path folder;
  CommandLayer layer;

  @BeforeEach
  void open() {
    layer = CommandLayer.open(ExampleConfig.load(folder), folder);
  }

  @AfterEach
  void close() {
    layer.close();
  }

  @Test
  @DisplayName(
      "a frozen cluster refuses its upgrade and the deploys to its environments, not the others;"
          + " each refusal says how to break the glass")
  void frozenCluster() {
    String frozen = layer.type(SRE_1, "/freeze prod-eu 1h \"node maintenance\"");
    assertThat(frozen).startsWith("Froze cluster prod-eu until ");
    String until =
        frozen.substring("Froze cluster prod-eu until ".length(), frozen.indexOf(" UTC") + 4);

    assertThat(layer.type(SRE_1, "/upgrade prod-eu 1.32"))
        .isEqualTo(
            "Nothing was started: prod-eu is frozen until "
                + until
                + " by <@"
                + SRE_1
                + ">: node maintenance. To start it anyway, type `/upgrade prod-eu 1.32"
                + " --break-glass \"<reason>\"`: someone else who may approve must then approve"
                + " it. Or type `/upgrade prod-eu 1.32 --queue` to queue it: it starts by itself"
                + " when the freeze ends.");
    assertThat(layer.type(SRE_1, "/deploy web v1.2 prod"))
        .startsWith("Nothing was started: prod-eu is frozen until " + until);
    assertThat(layer.type(BACKEND, "/deploy web v1.2 staging")).startsWith("Started d-");

    assertThat(layer.type(BACKEND, "/unfreeze prod-eu"))
        .isEqualTo(
            "Nothing was unfrozen. prod-eu: only group:sre may unfreeze (operators); you are not"
                + " in it.");
    assertThat(layer.type(SRE_2, "/unfreeze prod-eu")).isEqualTo("Unfroze prod-eu.");
    assertThat(layer.type(SRE_2, "/unfreeze prod-eu"))
        .startsWith("Nothing was unfrozen: no freeze set from chat is in force on prod-eu.");
  }

  @Test
  @DisplayName(
      "a frozen cutover names the shift's break-glass line; breaking it waits for an approval"
          + " the cutover does not normally ask for")
  void frozenCutover() {
    assertThat(layer.type(SRE_1, "/freeze www 1h")).contains(": no reason given.");

    assertThat(layer.type(SRE_1, "/cutover www 25%"))
        .contains("no reason given. To start it anyway, type `/cutover www 25% --break-glass");
    String started = layer.type(SRE_1, "/cutover www 25% --break-glass \"DNS fix\"");
    assertThat(started)
        .startsWith("Started c-")
        .contains("It waits for 1 approval from someone else before it begins.")
        .contains("Break-glass");

    assertThat(layer.type(BACKEND, "/freeze list"))
        .startsWith("Freezes in force:\n• *www* until ")
        .endsWith(", set by <@" + SRE_1 + ">: no reason given");
  }

  @Test
  @DisplayName("a freeze from chat lasts at most 14 days")
  void longest() {
    assertThat(layer.type(SRE_1, "/freeze prod 15d \"holidays\""))
        .isEqualTo(
            "Nothing was frozen: a freeze from chat lasts at most 14d. For a longer one, add it"
                + " under freezes: in shipmate.yaml; or type `/freeze prod 14d \"holidays\"`.");
    assertThat(layer.engine().freezes().active()).isEmpty();
  }
}
