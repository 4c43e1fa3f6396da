package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code analysis:}, {@code prometheus:} and an environment's {@code verify:}. */
class AnalysisConfigTest {
  private static final String BASE =
      """
      clusters:
        prod-eu: { context: prod-eu, prometheus: { url: "http://prom-eu:9090/" } }
        dev: { context: dev }
      """;

  private static final String ENVIRONMENTS =
      """
      environments:
        prod:
          cluster: prod-eu
          namespace: prod
          deployers: [U01ABCDEF]
          verify: [error-ratio]
        staging:
          cluster: dev
          namespace: staging
          deployers: [U01ABCDEF]
          verify: [error-ratio, traffic]
      """;

  private static final String CHECKS =
      """
      analysis:
        error-ratio:
          prometheus:
            query: 'max(http_error_ratio{namespace="{namespace}", deployment="{service}"})'
            max: 0.01
          interval: 10s
          duration: 1m
          failureLimit: 1
        traffic:
          prometheus: { query: 'sum(http_request_rate{cluster="{cluster}"})', min: 1 }
          count: 3
          inconclusive: pass
        alarm:
          cloudwatch: { alarm: web-5xx, region: eu-west-1 }
      """;

  @Test
  @DisplayName("checks, the Prometheus of each cluster and each environment's verify are read")
  void reads() {
    ShipmateConfig config =
        parse(
                BASE + "prometheus: { url: \"${PROM_URL}\" }\n" + ENVIRONMENTS + CHECKS,
                Map.of("PROM_URL", "http://prometheus:9090"))
            .orThrow();
    Analysis analysis = config.analysis();

    AnalysisCheck errorRatio = analysis.checks().get("error-ratio");
    assertThat(errorRatio.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(errorRatio.count()).isEqualTo(7); // at 0s, 10s … 60s
    assertThat(errorRatio.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(errorRatio.failureLimit()).isEqualTo(1);
    assertThat(errorRatio.inconclusive()).isEqualTo(AnalysisCheck.Inconclusive.FAIL);
    assertThat(errorRatio.source())
        .isEqualTo(
            new AnalysisCheck.Prometheus(
                "max(http_error_ratio{namespace=\"{namespace}\", deployment=\"{service}\"})",
                Optional.of(0.01),
                Optional.empty()));
    AnalysisCheck traffic = analysis.checks().get("traffic");
    assertThat(traffic.count()).isEqualTo(3);
    assertThat(traffic.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(traffic.inconclusive()).isEqualTo(AnalysisCheck.Inconclusive.PASS);
    assertThat(analysis.checks().get("alarm").source())
        .isEqualTo(new AnalysisCheck.CloudWatch("web-5xx", Optional.of("eu-west-1")));

    assertThat(analysis.prometheusFor("prod-eu")).contains("http://prom-eu:9090");
    assertThat(analysis.prometheusFor("dev")).contains("http://prometheus:9090");
    assertThat(analysis.verifyChecks("staging")).containsExactly(errorRatio, traffic);
    assertThat(analysis.verifyChecks("prod")).containsExactly(errorRatio);
  }

  @Test
  @DisplayName("the printed configuration reads back to the same analysis")
  void printed() {
    ShipmateConfig config =
        parse(BASE + "prometheus: { url: \"http://prometheus:9090\" }\n" + ENVIRONMENTS + CHECKS)
            .orThrow();
    String printed = ConfigPrinter.toYaml(config);
    assertThat(printed).contains("verify:").contains("failureLimit: 1");
    assertThat(parse(printed).orThrow().analysis()).isEqualTo(config.analysis());
  }

  private static final String GATES =
      """
      clusters:
        prod-eu: { context: prod-eu, analysis: [node-errors, alarm] }
        dev: { context: dev, analysis: [error-ratio] }
      cutovers:
        www:
          zone: Z0EXAMPLE
          record: www.example.com.
          type: CNAME
          blue: blue
          green: green
          health: { url: "https://green.example.com/healthz", alarm: green-5xx }
          analysis: [alarm, green-errors]
      analysis:
        node-errors:
          prometheus: { query: 'max(node_errors{cluster="{cluster}"})', max: 0 }
        green-errors:
          prometheus: { query: 'max(http_error_ratio{deployment="web"})', max: 0.01 }
        error-ratio:
          prometheus: { query: 'max(http_error_ratio{namespace="{namespace}"})', max: 0.01 }
        alarm:
          cloudwatch: { alarm: web-5xx }
      """;

  @Test
  @DisplayName(
      "a cutover's and a cluster's analysis are read; each may use only the placeholders it fills")
  void cutoverAndUpgradeChecks() {
    ShipmateConfig config =
        parse(
                GATES.replace(
                        "dev: { context: dev, analysis: [error-ratio] }", "dev: { context: dev }")
                    + "prometheus: { url: http://prometheus:9090 }\n")
            .orThrow();
    Analysis analysis = config.analysis();
    assertThat(analysis.cutoverChecks("www"))
        .extracting(AnalysisCheck::name)
        .containsExactly("alarm", "green-errors");
    assertThat(analysis.upgradeChecks("prod-eu"))
        .extracting(AnalysisCheck::name)
        .containsExactly("node-errors", "alarm");
    assertThat(analysis.upgradeChecks("dev")).isEmpty();
    assertThat(analysis.checks().get("alarm").source())
        .isEqualTo(new AnalysisCheck.CloudWatch("web-5xx", Optional.empty()));
    assertThat(config.cutovers().get("www").health().alarm()).contains("green-5xx");
    assertThat(parse(ConfigPrinter.toYaml(config)).orThrow().analysis()).isEqualTo(analysis);

    assertThat(errors(GATES))
        .containsExactly(
            "clusters.prod-eu.analysis[0] (line 2): 'node-errors' queries Prometheus, and none"
                + " answers for an upgrade here: set prometheus: { url: … } at the top or under"
                + " clusters.prod-eu",
            "clusters.dev.analysis[0] (line 3): 'error-ratio' uses {namespace}, which an upgrade"
                + " does not fill in (it fills in {cluster}, {version}): use a check whose query"
                + " names what it measures",
            "cutovers.www.analysis[1] (line 12): 'green-errors' queries Prometheus, and none"
                + " answers for a cutover here: set prometheus: { url: … } at the top");
  }

  @Test
  @DisplayName("a configuration without analysis has none, and no environment verifies")
  void none() {
    ShipmateConfig config =
        parse(
                BASE
                    + "environments:\n  dev: { cluster: dev, namespace: dev, deployers: [U01ABCDEF] }\n")
            .orThrow();
    assertThat(config.analysis().checks()).isEmpty();
    assertThat(config.analysis().verify()).isEmpty();
    assertThat(config.analysis().verifyChecks("dev")).isEmpty();
  }

  @Test
  @DisplayName("an unknown check in verify is named, with the checks there are")
  void unknownCheck() {
    String yaml =
        BASE + ENVIRONMENTS.replace("verify: [error-ratio]\n", "verify: [error-rate]\n") + CHECKS;
    assertThat(errors(yaml))
        .containsExactly(
            "environments.prod.verify[0] (line 9): no check named 'error-rate': did you mean"
                + " 'error-ratio'? (known: error-ratio, traffic, alarm)",
            "environments.staging.verify[0] (line 14): 'error-ratio' queries Prometheus, and"
                + " cluster dev has none: set prometheus: { url: … } at the top or under"
                + " clusters.dev",
            "environments.staging.verify[1] (line 14): 'traffic' queries Prometheus, and cluster"
                + " dev has none: set prometheus: { url: … } at the top or under clusters.dev");
  }

  @Test
  @DisplayName("a query's unknown placeholder, a missing threshold and a bad rule are refused")
  void badChecks() {
    String yaml =
        """
        analysis:
          a:
            prometheus: { query: 'up{job="{servce}"}', max: 1 }
          b:
            prometheus: { query: 'up' }
          c:
            prometheus: { query: 'up', max: 1 }
            inconclusive: ask
          d:
            prometheus: { query: 'up', max: 1 }
            count: 3
            failureLimit: 3
          e:
            interval: 10s
        """;
    assertThat(errors(yaml))
        .containsExactly(
            "analysis.a.prometheus.query (line 3): unknown placeholder {servce}: did you mean"
                + " {service}? (known: {service}, {namespace}, {environment}, {version},"
                + " {cluster})",
            "analysis.b.prometheus (line 5): missing 'max': the highest value that passes (or"
                + " min: the lowest), e.g. max: 0.01",
            "analysis.c.inconclusive (line 8): expected fail or pass (what a measurement with no"
                + " data counts as), got 'ask'",
            "analysis.d.failureLimit (line 12): allows 3 failures of 3 measurements: the check"
                + " could never fail; allow fewer than 3",
            "analysis.e.prometheus (line 13): what the check measures: e.g. prometheus: { query:"
                + " 'sum(rate(http_requests_total{namespace=\"{namespace}\", code=~\"5..\"}[1m]))"
                + " / sum(rate(http_requests_total{namespace=\"{namespace}\"}[1m]))', max: 0.01"
                + " }, or cloudwatch: { alarm, region }");
  }

  @Test
  @DisplayName(
      "a Prometheus URL must be http(s), and an unknown key in verify's environment is reported once")
  void badUrl() {
    String yaml =
        "prometheus: { url: prometheus:9090 }\n"
            + BASE
            + "environments:\n  dev: { cluster: dev, namespace: dev, deployers: [U01ABCDEF], verfy: [x] }\n";
    assertThat(errors(yaml))
        .containsExactly(
            "prometheus.url (line 1): expected an http(s) URL such as http://prometheus:9090,"
                + " got 'prometheus:9090'",
            "environments.dev.verfy (line 6): unknown key 'verfy': did you mean 'verify'?");
  }
}
