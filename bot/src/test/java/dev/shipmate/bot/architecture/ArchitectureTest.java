package dev.shipmate.bot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.shipmate.bot.serve.Bot;
import dev.shipmate.commands.Command;
import dev.shipmate.config.ShipmateConfig;
import dev.shipmate.engine.Engine;
import dev.shipmate.pipelines.deploy.DeployPipeline;
import java.net.URISyntaxException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules the modules and the bot's packages keep, checked on the compiled classes. */
class ArchitectureTest {

  /** The pipeline slices of the bot: each a package that knows nothing of the others. */
  static final List<String> SLICES = List.of("deploy", "cutover", "upgrade", "preview", "drift");

  /** Where the bot is put together; nothing else may reach into the wiring. */
  static final String[] COMPOSITION_ROOTS = {
    "dev.shipmate.bot.wiring..",
    "dev.shipmate.bot.serve..",
    "dev.shipmate.bot.local..",
    "dev.shipmate.bot.sandbox..",
  };

  /**
   * Every module's production classes, read from where each module's classes are (its jar in a
   * reactor build, its class folder in an IDE); a rule whose classes were not found fails rather
   * than passes (ArchUnit's failOnEmptyShould). Reading these places alone, not the whole
   * classpath, keeps the test to a second or two.
   */
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(
              Stream.of(
                      Bot.class,
                      Engine.class,
                      DeployPipeline.class,
                      Command.class,
                      ShipmateConfig.class)
                  .map(ArchitectureTest::whereClassesOf)
                  .collect(Collectors.toSet()));

  private static Location whereClassesOf(Class<?> type) {
    try {
      return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("the bot's packages import each other without a cycle")
  void noCyclesInTheBot() {
    slices().matching("dev.shipmate.bot.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @ParameterizedTest(name = "the {0} slice imports no other pipeline's slice")
  @MethodSource("pipelineSlices")
  void slicesDoNotImportEachOther(String slice) {
    String[] others =
        SLICES.stream()
            .filter(other -> !other.equals(slice))
            .map(other -> "dev.shipmate.bot." + other + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage("dev.shipmate.bot." + slice + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .check(CLASSES);
  }

  static List<String> pipelineSlices() {
    return SLICES;
  }

  @Test
  @DisplayName("commands and pipelines never import Slack")
  void commandsAndPipelinesKnowNoSlack() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.shipmate.commands..", "dev.shipmate.pipelines..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.slack..")
        .check(CLASSES);
  }

  @Test
  @DisplayName("the engine never imports Kubernetes (fabric8) or AWS")
  void engineKnowsNoKubernetesOrAws() {
    noClasses()
        .that()
        .resideInAPackage("dev.shipmate.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..", "software.amazon..")
        .check(CLASSES);
  }

  @Test
  @DisplayName("the command and button dispatchers are platform-neutral: no Slack")
  void dispatchKnowsNoSlack() {
    noClasses()
        .that()
        .resideInAPackage("dev.shipmate.bot.dispatch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.slack..", "dev.shipmate.bot.slack..")
        .check(CLASSES);
  }

  @Test
  @DisplayName("nothing but the composition roots imports the wiring")
  void onlyTheRootsImportTheWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackages(COMPOSITION_ROOTS)
        .and()
        .resideOutsideOfPackage("dev.shipmate.bot")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.shipmate.bot.wiring..")
        .check(CLASSES);
  }
}
