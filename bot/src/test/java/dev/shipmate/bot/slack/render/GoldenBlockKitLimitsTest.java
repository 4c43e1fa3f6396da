package dev.shipmate.bot.slack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipmate.sandbox.slack.BlockKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden file's messages stay within what Slack takes: Block Kit's limits as the Slack
 * stand-in enforces them ({@link BlockKit}), and a fallback text within {@link
 * BlockKitLimits#FALLBACK_TEXT} with {@code &}, {@code <} and {@code >} only as Slack's escapes or
 * as mentions.
 */
@DisplayName("the golden files stay within Slack's limits")
class GoldenBlockKitLimitsTest {

  private static final Path FOLDER = Path.of("src", "test", "resources", "golden");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> goldenFiles() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      List<Path> golden = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(golden).as("golden files in " + FOLDER).isNotEmpty();
      return golden.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void withinSlacksLimits(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<JsonNode> messages = new ArrayList<>();
    collectMessages(root, messages);
    assertThat(messages).as("messages in " + file).isNotEmpty();
    for (JsonNode message : messages) {
      assertThat(BlockKit.messageProblem(message.path("blocks")))
          .as("what Slack would refuse in " + file)
          .isEmpty();
      String text = message.path("text").asText();
      assertThat(text.length()).isLessThanOrEqualTo(BlockKitLimits.FALLBACK_TEXT);
      String withoutMarkup = text.replaceAll("<(@[UW][A-Z0-9]+|!subteam\\^S[A-Z0-9]+)>", "");
      assertThat(withoutMarkup)
          .as("the fallback text of " + file + " has no raw markup characters")
          .doesNotContain("<")
          .doesNotContain(">")
          .doesNotContainPattern("&(?!amp;|lt;|gt;)");
    }
  }

  /** A card file is one message ({@code text}, {@code blocks}); a notes file an array of them. */
  private static void collectMessages(JsonNode node, List<JsonNode> messages) {
    if (node.has("blocks") && node.has("text")) {
      messages.add(node);
    } else if (node.has("message")) {
      collectMessages(node.get("message"), messages);
    } else if (node.isArray()) {
      node.forEach(child -> collectMessages(child, messages));
    }
  }
}
