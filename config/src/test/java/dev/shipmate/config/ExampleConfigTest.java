package dev.shipmate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** config/examples/shipmate.yaml: what others (and later the simulated cluster) start from. */
class ExampleConfigTest {
  private static final Path MANIFESTS = Path.of("examples", "previews", "web").toAbsolutePath();

  private static LoadResult loadWith(Map<String, String> environment) {
    return new ConfigLoader(environment).load(Configs.EXAMPLE);
  }

  @Test
  @DisplayName("with no environment variables it loads with zero errors, warning only of Slack")
  void loadsBare() {
    LoadResult result = loadWith(Map.of());
    assertThat(result.errors()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.warnings())
        .extracting(ConfigProblem::path)
        .containsExactly("slack.botToken", "slack.signingSecret");
  }

  @Test
  @DisplayName("with the secrets set it loads without a single warning")
  void loadsWithSecrets() {
    LoadResult result =
        loadWith(
            Map.of(
                "SLACK_BOT_TOKEN", "xoxb-1",
                "SLACK_SIGNING_SECRET", "abc",
                "SHIPMATE_DB_URL", "jdbc:postgresql://db:5432/shipmate",
                "GITHUB_TOKEN", "ghp_x"));
    assertThat(result.problems()).isEmpty();
    ShipmateConfig config = result.orThrow();
    assertThat(config.slack().botToken().value()).isEqualTo("xoxb-1");
    assertThat(config.store().isPostgres()).isTrue();
    assertThat(config.drift().orElseThrow().source().token()).contains(new Secret("ghp_x"));
  }

  @Test
  @DisplayName("it holds one recurring freeze: prod at the weekend, Berlin time, all but rollback")
  void weekendFreeze() {
    ShipmateConfig config = loadWith(Map.of()).orThrow();
    assertThat(config.freezes()).hasSize(1);
    FreezeWindow weekend = config.freezes().get(0);
    assertThat(weekend.name()).isEqualTo("weekend");
    assertThat(weekend.scope().environments()).containsExactly("prod");
    assertThat(weekend.blocks()).isEqualTo(FreezeBlock.DEFAULT);
    assertThat(weekend.timing())
        .isEqualTo(
            new FreezeTiming.Weekly(
                java.time.DayOfWeek.FRIDAY,
                java.time.LocalTime.of(16, 0),
                java.time.DayOfWeek.MONDAY,
                java.time.LocalTime.of(8, 0),
                java.time.ZoneId.of("Europe/Berlin")));
  }

  @Test
  @DisplayName("it holds the names of DESIGN.md's sketch, with their settings")
  void values() {
    ShipmateConfig config = loadWith(Map.of()).orThrow();

    assertThat(config.slack().channel()).contains("C0DEPLOYS");
    assertThat(config.slack().botToken().isBlank()).isTrue();
    assertThat(config.store().url()).isEqualTo(StoreSettings.DEFAULT_URL);
    assertThat(config.groups())
        .containsExactly(
            Map.entry("sre", List.of("U01SRE1", "U01SRE2")),
            Map.entry("backend", List.of("U02BE1")));

    assertThat(config.clusters().keySet()).containsExactly("prod-eu", "dev", "prod-us", "prod-ap");
    Cluster prodEu = config.cluster("prod-eu").orElseThrow();
    assertThat(prodEu.provider()).isEqualTo(Cluster.Provider.EKS);
    assertThat(prodEu.eks()).contains(new Cluster.Eks("prod-eu", "eu-west-1", List.of("general")));
    assertThat(prodEu.policy().allowed()).containsExactly(new Principal.Group("sre"));
    Cluster dev = config.cluster("dev").orElseThrow();
    assertThat(dev.provider()).isEqualTo(Cluster.Provider.ASG);
    assertThat(dev.asg())
        .contains(new Cluster.Asg("eu-west-1", List.of("dev-nodes"), Optional.empty()));
    assertThat(dev.asg().orElseThrow().maxUnavailable()).isEqualTo(1);
    assertThat(dev.asg().orElseThrow().image()).isEqualTo(Cluster.NodeImage.DEFAULT);
    assertThat(config.upgrade()).isEqualTo(UpgradeTimings.DEFAULTS);

    assertThat(config.environments().keySet()).containsExactly("staging", "prod", "global");
    Environment staging = config.environment("staging").orElseThrow();
    assertThat(staging.cluster()).isEqualTo("dev");
    assertThat(staging.namespace()).isEqualTo("staging");
    assertThat(staging.policy().allowed())
        .containsExactly(new Principal.Group("backend"), new Principal.Group("sre"));
    Environment prod = config.environment("prod").orElseThrow();
    assertThat(prod.cluster()).isEqualTo("prod-eu");
    assertThat(prod.policy().approvals()).isEqualTo(1);
    assertThat(prod.policy().confirm()).isTrue();
    assertThat(prod.channel()).contains("C0PROD");
    Environment global = config.environment("global").orElseThrow();
    assertThat(global.waves()).containsExactly(List.of("prod-eu"), List.of("prod-us", "prod-ap"));
    assertThat(global.cluster()).isEqualTo("prod-eu");

    Service web = config.service("web").orElseThrow();
    assertThat(web.imageAt("v1.2")).isEqualTo("registry.example.com/acme/web:v1.2");
    assertThat(web.deployments()).containsExactly("web");
    assertThat(web.container()).contains("web");

    Previews previews = config.previews().orElseThrow();
    assertThat(previews.cluster()).isEqualTo("dev");
    assertThat(previews.namespaceFor(123)).isEqualTo("pr-123");
    assertThat(previews.hostFor(123)).isEqualTo("pr-123.preview.example.com");
    assertThat(previews.manifests()).isEqualTo(MANIFESTS.toString());
    assertThat(previews.ttl()).isEqualTo(Duration.ofHours(72));
    assertThat(previews.github()).contains(new Previews.GitHub("acme/web"));

    Cutover www = config.cutover("www").orElseThrow();
    assertThat(www.record()).isEqualTo("www.example.com.");
    assertThat(www.type()).isEqualTo("CNAME");
    assertThat(List.of(www.blue(), www.green())).containsExactly("blue", "green");
    assertThat(www.health().url()).isEqualTo("https://green.example.com/healthz");
    assertThat(www.bake()).isEqualTo(Duration.ofMinutes(5));

    Drift drift = config.drift().orElseThrow();
    assertThat(drift.schedule()).isEqualTo("0 0 9 ? * MON-FRI");
    assertThat(drift.channel()).isEqualTo("C0DRIFT");
    assertThat(drift.source().pathFor("prod-eu")).isEqualTo("clusters/prod-eu");
    assertThat(drift.source().token()).isEmpty();
  }

  @Test
  @DisplayName("the preview manifests use only the five placeholders, and all of them")
  void manifestPlaceholders() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher placeholder = Pattern.compile("\\{([a-z]+)}").matcher(allManifests());
    while (placeholder.find()) {
      used.add(placeholder.group(1));
    }
    assertThat(used).containsExactly("host", "image", "namespace", "pr", "tag");
  }

  @Test
  @DisplayName("filled in, the preview manifests are a Deployment, a Service and an Ingress")
  void manifestsFilled() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<JsonNode> objects;
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      objects =
          files
              .sorted()
              .map(
                  file -> {
                    try {
                      String text =
                          Files.readString(file)
                              .replace("{image}", "registry.example.com/acme/web")
                              .replace("{tag}", "pr-123-abc1234")
                              .replace("{namespace}", "pr-123")
                              .replace("{host}", "pr-123.preview.example.com")
                              .replace("{pr}", "123");
                      return yaml.readTree(text);
                    } catch (IOException e) {
                      throw new AssertionError(file + " is not YAML", e);
                    }
                  })
              .toList();
    }
    assertThat(objects)
        .extracting(o -> o.at("/kind").asText())
        .containsExactlyInAnyOrder("Deployment", "Service", "Ingress");
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(o.at("/metadata/namespace").asText()).isEqualTo("pr-123");
              assertThat(o.at("/metadata/labels/shipmate.dev~1pr").asText()).isEqualTo("123");
            });
    JsonNode deployment =
        objects.stream()
            .filter(o -> o.at("/kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("web");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.example.com/acme/web:pr-123-abc1234");
    JsonNode ingress =
        objects.stream()
            .filter(o -> o.at("/kind").asText().equals("Ingress"))
            .findFirst()
            .orElseThrow();
    assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("pr-123.preview.example.com");
  }

  private static String allManifests() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      for (Path file : files.sorted().toList()) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }
}
