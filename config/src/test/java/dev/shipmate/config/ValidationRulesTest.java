package dev.shipmate.config;

import static dev.shipmate.config.Configs.errors;
import static dev.shipmate.config.Configs.parse;
import static dev.shipmate.config.Configs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the configuration, with the exact message, path and line a person reads. */
class ValidationRulesTest {
  private static final String CLUSTERS =
      """
      clusters:
        prod-eu: { context: prod-eu }
        dev: { context: dev }
      """;

  @Nested
  @DisplayName("keys")
  class KeysTest {
    @Test
    @DisplayName("an unknown key close to an allowed one is answered with 'did you mean'")
    void misspeltKey() {
      // Given an environment with 'aprovals' on line 7
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace: prod
                  aprovals: 1
              """;
      // When it is loaded / Then
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.aprovals (line 8): unknown key 'aprovals': did you mean"
                  + " 'approvals'?");
    }

    @Test
    @DisplayName("an unknown key like no allowed one lists the keys allowed there")
    void unknownKey() {
      assertThat(errors("store:\n  flavour: h2\n"))
          .containsExactly(
              "store.flavour (line 2): unknown key 'flavour' (allowed here: url, username,"
                  + " password)");
    }

    @Test
    @DisplayName("a misspelt section is answered with the section's name")
    void misspeltSection() {
      assertThat(errors("enviroments: {}\n"))
          .containsExactly(
              "enviroments (line 1): unknown key 'enviroments': did you mean 'environments'?");
    }

    @Test
    @DisplayName("snake_case finds the camelCase key")
    void snakeCase() {
      assertThat(errors("slack:\n  bot_token: x\n"))
          .containsExactly(
              "slack.bot_token (line 2): unknown key 'bot_token': did you mean 'botToken'?");
    }

    @Test
    @DisplayName("'operators' on an environment says environments use 'deployers'")
    void operatorsOnEnvironment() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, operators: [U01A] }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.operators (line 5): unknown key 'operators': environments name"
                  + " who may deploy with 'deployers'");
    }

    @Test
    @DisplayName("a duplicate key is an error that points at the first one")
    void duplicateKey() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod }
                prod: { cluster: dev, namespace: prod }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod (line 6): duplicate key 'prod' (first at line 5): keep one of"
                  + " them");
    }
  }

  @Nested
  @DisplayName("types")
  class TypesTest {
    @Test
    @DisplayName("text where a whole number belongs is an error quoting the text")
    void wholeNumber() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: [U01A, U01B], approvals: two }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.approvals (line 5): expected a whole number, got 'two'");
    }

    @Test
    @DisplayName("a yes where true or false belongs is an error")
    void bool() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: [U01A], confirm: yes }
              """;
      assertThat(errors(yaml))
          .containsExactly("environments.prod.confirm (line 5): expected true or false, got 'yes'");
    }

    @Test
    @DisplayName(
        "queue: true on an environment, a cluster or a cutover makes its runs wait their turn;"
            + " it is off by default, and takes true or false")
    void queue() {
      String yaml =
          """
          clusters:
            prod-eu: { context: prod-eu, operators: [U01A], queue: true }
            dev: { context: dev }
          environments:
            staging: { cluster: dev, namespace: staging, deployers: [U01A], queue: true }
            prod: { cluster: prod-eu, namespace: prod, deployers: [U01A] }
          """;
      var config = parse(yaml).config().orElseThrow();
      assertThat(config.environments().get("staging").policy().queue()).isTrue();
      assertThat(config.environments().get("prod").policy().queue()).isFalse();
      assertThat(config.clusters().get("prod-eu").policy().queue()).isTrue();
      assertThat(config.clusters().get("dev").policy().queue()).isFalse();
      assertThat(
              errors(
                  CLUSTERS
                      + """
                      environments:
                        prod: { cluster: prod-eu, namespace: prod, deployers: [U01A], queue: always }
                      """))
          .containsExactly(
              "environments.prod.queue (line 5): expected true or false, got 'always'");
    }

    @Test
    @DisplayName("a lone value where a list belongs shows the list form")
    void list() {
      assertThat(errors("services:\n  web: { image: acme/web, deployments: web }\n"))
          .containsExactly(
              "services.web.deployments (line 2): expected a list, got 'web': write [web]");
    }

    @Test
    @DisplayName("a mapping where text belongs is an error")
    void text() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace: { name: prod }
                  deployers: [U01A]
              """;
      assertThat(errors(yaml))
          .containsExactly("environments.prod.namespace (line 7): expected text, got a mapping");
    }
  }

  @Nested
  @DisplayName("required keys")
  class RequiredTest {
    @Test
    @DisplayName("a missing key is named on its mapping, with what to put there")
    void missing() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  deployers: [U01A]
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod (line 5): missing 'namespace': the Kubernetes namespace its"
                  + " services run in, e.g. namespace: prod");
    }

    @Test
    @DisplayName("a key with no value is reported as empty on its own line")
    void empty() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace:
                  deployers: [U01A]
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.namespace (line 7): empty: the Kubernetes namespace its services"
                  + " run in, e.g. namespace: prod");
    }

    @Test
    @DisplayName("a service without Deployments is an error")
    void noDeployments() {
      assertThat(errors("services:\n  web: { image: acme/web, deployments: [] }\n"))
          .containsExactly(
              "services.web.deployments (line 2): empty: the Deployments that run it, e.g."
                  + " deployments: [web]");
    }
  }

  @Nested
  @DisplayName("references")
  class ReferencesTest {
    @Test
    @DisplayName("an environment's cluster must be configured; the known ones are listed")
    void environmentCluster() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: main
                  namespace: prod
                  deployers: [U01A]
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.cluster (line 6): no cluster named 'main' (known: prod-eu, dev)");
    }

    @Test
    @DisplayName("a near miss of a cluster's name is answered with 'did you mean'")
    void nearMiss() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-ue, namespace: prod, deployers: [U01A] }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.cluster (line 5): no cluster named 'prod-ue': did you mean"
                  + " 'prod-eu'? (known: prod-eu, dev)");
    }

    @Test
    @DisplayName("with no clusters at all, the message says where to add one")
    void noClusters() {
      assertThat(
              errors(
                  "environments:\n  prod: { cluster: main, namespace: prod, deployers: [U01A] }\n"))
          .containsExactly(
              "environments.prod.cluster (line 2): no cluster named 'main' (none is configured:"
                  + " add it under clusters:)");
    }

    @Test
    @DisplayName("the previews' cluster must be configured")
    void previewsCluster() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: staging
                namespace: pr-{number}
                host: pr-{number}.example.com
                manifests: examples/previews/web
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "previews.cluster (line 5): no cluster named 'staging' (known: prod-eu, dev)");
    }

    @Test
    @DisplayName("every cluster drift names must be configured")
    void driftClusters() {
      String yaml =
          CLUSTERS
              + """
              drift:
                schedule: 0 0 9 ? * MON-FRI
                channel: C0DRIFT
                source: { git: "https://git.example.com/k8s.git", path: "clusters/{cluster}" }
                clusters: [dev, prod]
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "drift.clusters[1] (line 8): no cluster named 'prod' (known: prod-eu, dev)");
    }

    @Test
    @DisplayName("a group:NAME principal must name a group of the file")
    void group() {
      String yaml =
          """
          groups:
            sre: [U01SRE1]
            backend: [U02BE1]
          clusters:
            dev: { context: dev, operators: [group:sre, group:ops] }
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.dev.operators[1] (line 5): no group named 'ops' (known: sre, backend)");
    }

    @Test
    @DisplayName("a permission that is no Slack id nor group says which forms there are")
    void badPrincipal() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: ["@alice"] }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.deployers[0] (line 5): expected "
                  + PolicyReader.PRINCIPAL_FORMS
                  + ", got '@alice'");
    }

    @Test
    @DisplayName("a group lists Slack users only")
    void groupMembers() {
      assertThat(errors("groups:\n  sre: [U01A, alice, group:x, S01B]\n"))
          .containsExactly(
              "groups.sre[1] (line 2): expected a Slack user id like U01ABCDEF (profile → ⋮ →"
                  + " Copy member ID), got 'alice'",
              "groups.sre[2] (line 2): a group lists Slack users, not other groups: list the users"
                  + " of group:x",
              "groups.sre[3] (line 2): a group lists Slack users: name the Slack user group S01B"
                  + " directly where it is used (approvers: [S01B])");
    }
  }

  @Nested
  @DisplayName("cluster providers")
  class ProvidersTest {
    @Test
    @DisplayName("provider eks needs an eks: block")
    void eksWithoutBlock() {
      assertThat(
              errors(
                  "clusters:\n  prod-eu: { context: prod-eu, provider: eks, operators: [U01A] }\n"))
          .containsExactly(
              "clusters.prod-eu (line 2): missing 'eks': provider: eks needs eks: { name, region,"
                  + " nodegroups: [...] }");
    }

    @Test
    @DisplayName("provider asg needs an asg: block")
    void asgWithoutBlock() {
      assertThat(errors("clusters:\n  dev: { context: dev, provider: asg, operators: [U01A] }\n"))
          .containsExactly(
              "clusters.dev (line 2): missing 'asg': provider: asg needs asg: { region, groups:"
                  + " [...] }");
    }

    @Test
    @DisplayName("an asg: block on an eks cluster is an error")
    void asgOnEks() {
      String yaml =
          """
          clusters:
            prod-eu:
              context: prod-eu
              provider: eks
              eks: { region: eu-west-1, nodegroups: [general] }
              asg: { region: eu-west-1, groups: [nodes] }
              operators: [U01A]
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.prod-eu.asg (line 6): asg: is read only with provider: asg, and this"
                  + " cluster's provider is eks: set provider: asg or remove asg:");
    }

    @Test
    @DisplayName("an eks: block without a provider is an error that names the default")
    void eksWithoutProvider() {
      String yaml =
          "clusters:\n  prod-eu: { context: prod-eu, eks: { region: r, nodegroups: [g] } }\n";
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.prod-eu.eks (line 2): eks: is read only with provider: eks, and this"
                  + " cluster's provider is none (the default): set provider: eks or remove eks:");
    }

    @Test
    @DisplayName("an unknown provider lists the three there are")
    void unknownProvider() {
      assertThat(errors("clusters:\n  dev: { context: dev, provider: gke }\n"))
          .containsExactly(
              "clusters.dev.provider (line 2): expected eks, asg or none (how Shipmate upgrades"
                  + " the nodes), got 'gke'");
    }

    @Test
    @DisplayName("a provider that is empty after interpolation takes the default, none")
    void emptyProvider() {
      LoadResult result =
          parse("clusters:\n  dev: { context: dev, provider: \"${PROVIDER:-}\" }\n");
      assertThat(result.orThrow().cluster("dev").orElseThrow().provider())
          .isEqualTo(Cluster.Provider.NONE);
    }

    @Test
    @DisplayName("an eks: block needs its node groups")
    void eksNodegroups() {
      String yaml =
          "clusters:\n  prod-eu: { context: c, provider: eks, eks: { region: r }, operators: [U01A] }\n";
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.prod-eu.eks (line 2): missing 'nodegroups': the managed node groups to"
                  + " upgrade, e.g. nodegroups: [general]");
    }

    @Test
    @DisplayName("an asg: block replaces one node at a time unless maxUnavailable says more")
    void asgMaxUnavailable() {
      String yaml =
          """
          clusters:
            dev: { context: dev, provider: asg, asg: { region: r, groups: [a] } }
            big:
              context: big
              provider: asg
              asg: { region: r, groups: [a, b], controlPlane: cp, maxUnavailable: 3 }
          """;
      ShipmateConfig config = parse(yaml).orThrow();
      assertThat(config.cluster("dev").orElseThrow().asg().orElseThrow().maxUnavailable())
          .isEqualTo(1);
      assertThat(config.cluster("dev").orElseThrow().asg())
          .contains(new Cluster.Asg("r", java.util.List.of("a"), java.util.Optional.empty()));
      assertThat(config.cluster("big").orElseThrow().asg())
          .contains(
              new Cluster.Asg("r", java.util.List.of("a", "b"), java.util.Optional.of("cp"), 3));
    }

    @Test
    @DisplayName("the control-plane group is not also a worker group")
    void asgControlPlaneNotAWorkerGroup() {
      String yaml =
          "clusters:\n  dev:\n    context: dev\n    provider: asg\n"
              + "    asg: { region: r, groups: [cp, a], controlPlane: cp }\n";
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.dev.asg.controlPlane (line 5): 'cp' is also in groups: list the"
                  + " control-plane group in controlPlane only, and the worker groups in groups");
    }

    @ParameterizedTest(name = "maxUnavailable: {0}")
    @MethodSource("badMaxUnavailable")
    @DisplayName("maxUnavailable is a whole number of at least 1")
    void asgBadMaxUnavailable(String value, String message) {
      String yaml =
          "clusters:\n  dev:\n    context: dev\n    provider: asg\n"
              + "    asg: { region: r, groups: [a], maxUnavailable: "
              + value
              + " }\n";
      assertThat(errors(yaml))
          .containsExactly("clusters.dev.asg.maxUnavailable (line 5): " + message);
    }

    static Stream<Arguments> badMaxUnavailable() {
      return Stream.of(
          Arguments.of("0", "expected 1 or more nodes replaced at once, got 0"),
          Arguments.of("-2", "expected 1 or more nodes replaced at once, got -2"),
          Arguments.of("1.5", "expected a whole number, got '1.5'"),
          Arguments.of("all", "expected a whole number, got 'all'"));
    }

    @Test
    @DisplayName("a misspelt maxUnavailable is answered with the key meant")
    void asgMisspeltMaxUnavailable() {
      String yaml =
          """
          clusters:
            dev:
              context: dev
              provider: asg
              asg:
                region: r
                groups: [a]
                maxUnavailible: 2
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "clusters.dev.asg.maxUnavailible (line 8): unknown key 'maxUnavailible': did you"
                  + " mean 'maxUnavailable'?");
    }

    @Test
    @DisplayName("an asg: block starts the EKS-optimized AL2023 image unless asg.image says which")
    void asgImage() {
      String yaml =
          """
          clusters:
            dev: { context: dev, provider: asg, asg: { region: r, groups: [a] } }
            own:
              context: own
              provider: asg
              asg:
                region: r
                groups: [a]
                image: { name: "acme-k8s-{version}-*", owner: "123456789012" }
            mine:
              context: mine
              provider: asg
              asg: { region: r, groups: [a], image: { name: "node-{version}-v?", owner: self } }
          """;
      ShipmateConfig config = parse(yaml).orThrow();
      Cluster.Asg dev = config.cluster("dev").orElseThrow().asg().orElseThrow();
      assertThat(dev.image()).isEqualTo(Cluster.NodeImage.DEFAULT);
      assertThat(dev.image())
          .isEqualTo(
              new Cluster.NodeImage(
                  "amazon-eks-node-al2023-x86_64-standard-{version}-*", "amazon"));
      assertThat(dev.image().nameFor("1.32"))
          .isEqualTo("amazon-eks-node-al2023-x86_64-standard-1.32-*");
      assertThat(config.cluster("own").orElseThrow().asg().orElseThrow().image())
          .isEqualTo(new Cluster.NodeImage("acme-k8s-{version}-*", "123456789012"));
      assertThat(config.cluster("mine").orElseThrow().asg().orElseThrow().image())
          .isEqualTo(new Cluster.NodeImage("node-{version}-v?", "self"));
      assertThat(config.cluster("own").orElseThrow().asg())
          .contains(
              new Cluster.Asg(
                  "r",
                  java.util.List.of("a"),
                  java.util.Optional.empty(),
                  1,
                  new Cluster.NodeImage("acme-k8s-{version}-*", "123456789012")));
    }

    @ParameterizedTest(name = "image: {0}")
    @MethodSource("badImages")
    @DisplayName("asg.image needs a name with {version} and a known owner, each error at its path")
    void asgBadImage(String image, String error) {
      String yaml =
          "clusters:\n  dev:\n    context: dev\n    provider: asg\n"
              + "    asg:\n      region: r\n      groups: [a]\n      image: "
              + image
              + "\n";
      assertThat(errors(yaml)).containsExactly(error);
    }

    static Stream<Arguments> badImages() {
      String example =
          ", e.g. image: { name: \"amazon-eks-node-al2023-x86_64-standard-{version}-*\","
              + " owner: amazon }";
      return Stream.of(
          Arguments.of(
              "{ name: \"my-node-*\", owner: amazon }",
              "clusters.dev.asg.image.name (line 8): no {version} in 'my-node-*': each Kubernetes"
                  + " minor version needs its own image"
                  + example),
          Arguments.of(
              "{ name: \"my-node-{minor}-*\", owner: amazon }",
              "clusters.dev.asg.image.name (line 8): unknown placeholder {minor}: use {version}"
                  + " for the Kubernetes minor version"
                  + example),
          Arguments.of(
              "{ name: \"my-node-{version}\", owner: amazn }",
              "clusters.dev.asg.image.owner (line 8): expected a 12-digit AWS account id or one of"
                  + " amazon, self, aws-marketplace, aws-backup-vault, got 'amazn': did you mean"
                  + " 'amazon'?"),
          Arguments.of(
              "{ name: \"my-node-{version}\", owner: \"12345\" }",
              "clusters.dev.asg.image.owner (line 8): expected a 12-digit AWS account id or one of"
                  + " amazon, self, aws-marketplace, aws-backup-vault, got '12345'"),
          Arguments.of(
              "{ name: \"my-node-{version}\" }",
              "clusters.dev.asg.image (line 8): missing 'owner': the account id or alias (amazon,"
                  + " self, aws-marketplace) that owns the images"
                  + example),
          Arguments.of(
              "{ owner: amazon }",
              "clusters.dev.asg.image (line 8): missing 'name': the image name with {version} for"
                  + " the Kubernetes minor version and EC2's wildcards"
                  + example),
          Arguments.of(
              "ami-0abc",
              "clusters.dev.asg.image (line 8): expected a mapping of name, owner, got 'ami-0abc'"));
    }

    @Test
    @DisplayName("a misspelt key of asg.image is answered with the key meant")
    void asgMisspeltImageKey() {
      String yaml =
          """
          clusters:
            dev:
              context: dev
              provider: asg
              asg:
                region: r
                groups: [a]
                image: { name: "n-{version}", owners: amazon }
          """;
      assertThat(errors(yaml))
          .contains(
              "clusters.dev.asg.image.owners (line 8): unknown key 'owners': did you mean"
                  + " 'owner'?");
    }
  }

  @Nested
  @DisplayName("approvals")
  class ApprovalsTest {
    @Test
    @DisplayName(
        "approvals asked where no deployers or operators are named (anyone) is an error naming the"
            + " path")
    void approvalsNeedNamedPeople() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, approvals: 1 }
                qa: { cluster: prod-eu, namespace: qa, deployers: [], approvers: [U01B], approvals: 1 }
                dev: { cluster: prod-eu, namespace: dev }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.deployers (line 5): approvals: 1 is asked, but no deployers are"
                  + " named, so anyone in the workspace could deploy and approve: name them (e.g."
                  + " deployers: [group:sre]) or set approvals: 0",
              "environments.qa.deployers (line 6): approvals: 1 is asked, but no deployers are"
                  + " named, so anyone in the workspace could deploy: name them (e.g. deployers:"
                  + " [group:sre]) or set approvals: 0");
    }

    @Test
    @DisplayName("approvals cannot be negative")
    void negative() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: [U01A], approvals: -1 }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.approvals (line 5): expected 0 or more approvals, got -1");
    }

    @Test
    @DisplayName("more approvals than named approvers can never be met")
    void moreThanApprovers() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace: prod
                  deployers: [U01A]
                  approvers: [U01B, U01C]
                  approvals: 3
                  channel: C0PROD
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.approvals (line 10): approvals: 3 but only 2 people can approve"
                  + " (U01B, U01C): lower approvals or add approvers");
    }

    @Test
    @DisplayName("a single approver who is the only deployer can never approve a deploy")
    void selfApproval() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace: prod
                  deployers: [U01A]
                  approvals: 1
                  channel: C0PROD
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.approvals (line 9): approvals: 1 can never be met: the only"
                  + " approver, U01A, is also the only deployer, and nobody approves their own"
                  + " deploy — add approvers or set approvals: 0");
    }

    @Test
    @DisplayName("groups of the file are counted person by person")
    void groupsCounted() {
      // Given two people in sre who both deploy and approve, and two approvals each
      String yaml =
          """
          groups:
            sre: [U01SRE1, U01SRE2]
          clusters:
            prod-eu: { context: prod-eu }
          environments:
            prod: { cluster: prod-eu, namespace: prod, deployers: [group:sre], approvals: 2, channel: C1 }
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.approvals (line 6): approvals: 2 can never be met: every deployer"
                  + " is one of the 2 approvers, and nobody approves their own deploy — add"
                  + " approvers or set approvals: 0");
    }

    @Test
    @DisplayName("a deployer who alone can never be approved is a warning, not an error")
    void someStuck() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod:
                  cluster: prod-eu
                  namespace: prod
                  deployers: [U01A, U01B]
                  approvers: [U01A]
                  approvals: 1
                  channel: C0PROD
              """;
      LoadResult result = parse(yaml);
      assertThat(errors(result)).isEmpty();
      assertThat(warnings(result))
          .filteredOn(w -> w.startsWith("environments"))
          .containsExactly(
              "environments.prod.approvals (line 10): U01A may deploy but can never get 1"
                  + " approval(s) from someone else: add approvers");
    }

    @Test
    @DisplayName("a Slack user group's members are unknown here, so approvals are not counted")
    void slackUserGroup() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: [S01OPS], approvals: 3, channel: C1 }
              """;
      assertThat(errors(yaml)).isEmpty();
    }

    @Test
    @DisplayName("the same rules hold for a cutover's operators")
    void cutoverOperators() {
      String yaml =
          """
          cutovers:
            www:
              zone: Z0EXAMPLE
              record: www.example.com
              type: CNAME
              blue: blue
              green: green
              health: { url: "https://green.example.com/healthz" }
              operators: [U01A]
              approvals: 1
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "cutovers.www.approvals (line 10): approvals: 1 can never be met: the only approver,"
                  + " U01A, is also the only operator, and nobody approves their own run — add"
                  + " approvers or set approvals: 0");
    }
  }

  @Nested
  @DisplayName("shapes")
  class ShapesTest {
    static Stream<Arguments> badNames() {
      String rule =
          "is not a valid name: use lowercase letters, digits and '-', starting and ending with a"
              + " letter or digit, at most 63 characters";
      return Stream.of(
          Arguments.of(
              "services:\n  Web_1: { image: acme/web, deployments: [web] }\n",
              "services.Web_1 (line 2): 'Web_1' " + rule + " (e.g. 'web-1')"),
          Arguments.of(
              "clusters:\n  dev: { context: dev }\n"
                  + "environments:\n  -qa: { cluster: dev, namespace: qa, deployers: [U01A] }\n",
              "environments.-qa (line 4): '-qa' " + rule + " (e.g. 'qa')"),
          Arguments.of(
              "clusters:\n  Prod.EU: { context: prod }\n",
              "clusters.Prod.EU (line 2): 'Prod.EU' " + rule + " (e.g. 'prod-eu')"),
          Arguments.of(
              "cutovers:\n  WWW: { zone: Z1, record: a.example.com, type: A, blue: b, green: g,"
                  + " health: { url: 'http://g/' }, operators: [U01A] }\n",
              "cutovers.WWW (line 2): 'WWW' " + rule + " (e.g. 'www')"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    @DisplayName("names of services, environments, clusters and cutovers are DNS labels")
    void names(String yaml, String expected) {
      assertThat(errors(yaml)).containsExactly(expected);
    }

    @Test
    @DisplayName("a name that is a word of the command grammar is refused")
    void grammarWords() {
      String yaml =
          "services:\n  history: { image: acme/web, deployments: [web] }\n"
              + "cutovers:\n  status: { zone: Z1, record: a.example.com, type: A, blue: b,"
              + " green: g, health: { url: 'http://g/' }, operators: [U01A] }\n";
      String rule =
          " is a word of the command grammar (as in `/deploy history` or `/cutover www status`),"
              + " so commands naming it would be ambiguous: choose another name";
      assertThat(errors(yaml))
          .containsExactly(
              "services.history (line 2): 'history'" + rule,
              "cutovers.status (line 4): 'status'" + rule);
    }

    @Test
    @DisplayName("a namespace is a DNS label")
    void namespace() {
      String yaml =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: Prod_NS, deployers: [U01A] }
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "environments.prod.namespace (line 5): 'Prod_NS' is not a valid name: use lowercase"
                  + " letters, digits and '-', starting and ending with a letter or digit, at most"
                  + " 63 characters (e.g. 'prod-ns')");
    }

    @Test
    @DisplayName("previews.podSecurity is a Pod Security Standard; baseline when not given")
    void previewPodSecurity() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: dev
                namespace: pr-{number}
                host: pr-{number}.example.com
                manifests: examples/previews/web
                podSecurity: lax
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "previews.podSecurity (line 9): 'lax' is not a Pod Security Standard: one of"
                  + " privileged, baseline, restricted (default baseline)");
    }

    @Test
    @DisplayName("previews.serviceAccount is NAMESPACE/NAME, read into its two parts")
    void previewServiceAccount() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: dev
                namespace: pr-{number}
                host: pr-{number}.example.com
                manifests: examples/previews/web
                serviceAccount: %s
              """;
      assertThat(errors(yaml.formatted("shipmate")))
          .containsExactly(
              "previews.serviceAccount (line 9): 'shipmate' is not a service account:"
                  + " NAMESPACE/NAME, e.g. serviceAccount: shipmate/shipmate");
      assertThat(errors(yaml.formatted("Ship/mate"))).hasSize(1);
      assertThat(parse(yaml.formatted("shipmate/bot")).orThrow().previews().orElseThrow())
          .extracting(Previews::serviceAccount)
          .isEqualTo(Optional.of(new Previews.ServiceAccount("shipmate", "bot")));
    }

    @Test
    @DisplayName("preview patterns need the PR number and no other placeholder")
    void previewPatterns() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: dev
                namespace: previews
                host: "{branch}.preview.example.com"
                manifests: examples/previews/web
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "previews.namespace (line 6): no {number} in 'previews': every preview needs its"
                  + " own, e.g. namespace: pr-{number}",
              "previews.host (line 7): unknown placeholder {branch}: use {number} (or {pr}), e.g."
                  + " host: pr-{number}.preview.example.com");
    }

    @Test
    @DisplayName("a preview pattern must give a valid name once filled in")
    void previewPatternFilled() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: dev
                namespace: PR_{pr}
                host: pr-{pr}.preview.example.com
                manifests: examples/previews/web
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "previews.namespace (line 6): 'PR_{pr}' gives 'PR_123', which is not a namespace: "
                  + DnsNames.LABEL_RULE);
    }

    @Test
    @DisplayName("a duration that is not one says what to write")
    void duration() {
      String yaml =
          CLUSTERS
              + """
              previews:
                cluster: dev
                namespace: pr-{number}
                host: pr-{number}.preview.example.com
                manifests: examples/previews/web
                ttl: 3 days
              """;
      assertThat(errors(yaml))
          .containsExactly(
              "previews.ttl (line 9): expected " + Durations.EXPECTED + ", got '3 days'");
    }

    @Test
    @DisplayName("a zero duration is refused")
    void zeroDuration() {
      String yaml =
          """
          cutovers:
            www:
              zone: Z0EXAMPLE
              record: www.example.com
              type: CNAME
              blue: blue
              green: green
              health: { url: "https://green.example.com/healthz" }
              bake: 0m
              operators: [U01A]
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "cutovers.www.bake (line 9): expected more than zero, duration like 30s, 10m, 24h,"
                  + " 7d or 1h30m");
    }

    @Test
    @DisplayName("the cutover's checks: type, distinct sides, health URL, minSuccess within 0..1")
    void cutover() {
      String yaml =
          """
          cutovers:
            www:
              zone: Z0EXAMPLE
              record: www.example.com
              type: MX
              blue: live
              green: live
              health:
                url: ftp://green.example.com/
                minSuccess: 99
              operators: [U01A]
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "cutovers.www.type (line 5): expected A, AAAA or CNAME, got 'MX'",
              "cutovers.www.green (line 7): blue and green are both 'live': they name the two"
                  + " weighted records and must differ",
              "cutovers.www.health.url (line 9): expected an http:// or https:// URL, got"
                  + " 'ftp://green.example.com/'",
              "cutovers.www.health.minSuccess (line 10): expected a share between 0 and 1 (0.99 ="
                  + " 99% of probes), got 99.0");
    }

    @Test
    @DisplayName("a cutover's record ends with '.', its type is upper case, its zone bare")
    void cutoverNormalized() {
      String yaml =
          """
          cutovers:
            www:
              zone: /hostedzone/Z0EXAMPLE
              record: WWW.Example.com
              type: cname
              blue: blue
              green: green
              health: { url: "https://green.example.com/healthz" }
              operators: [U01A]
          """;
      Cutover www = parse(yaml).orThrow().cutover("www").orElseThrow();
      assertThat(www.record()).isEqualTo("www.example.com.");
      assertThat(www.type()).isEqualTo("CNAME");
      assertThat(www.zone()).isEqualTo("Z0EXAMPLE");
    }

    @Test
    @DisplayName("a drift schedule in crontab's five fields shows the Quartz form")
    void cronFiveFields() {
      String yaml =
          """
          drift:
            schedule: 0 9 * * MON-FRI
            channel: C0DRIFT
            source: { git: "https://git.example.com/k8s.git", path: "clusters/{cluster}" }
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "drift.schedule (line 2): '0 9 * * MON-FRI' has 5 fields, like a Unix crontab: a"
                  + " Quartz cron expression starts with the seconds and has '?' in day-of-month or"
                  + " day-of-week, e.g. \"0 0 9 ? * MON-FRI\" (09:00 on weekdays)");
    }

    @Test
    @DisplayName("a drift schedule's field with a bad value names the field")
    void cronField() {
      String yaml =
          """
          drift:
            schedule: 0 0 25 ? * MON-FRI
            channel: C0DRIFT
            source: { git: "https://git.example.com/k8s.git", path: "clusters/{cluster}" }
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "drift.schedule (line 2): hours '25' is not valid: use 0-23, combined with , - * /,"
                  + " e.g. \"0 0 9 ? * MON-FRI\" (09:00 on weekdays)");
    }

    @Test
    @DisplayName("an image with a tag or a digest is refused: the version becomes the tag")
    void image() {
      String yaml =
          """
          services:
            web: { image: "registry.example.com/acme/web:1.0", deployments: [web] }
            api: { image: "registry.example.com/acme/api@sha256:0123", deployments: [api] }
            db: { image: "registry.example.com:5000/acme/db", deployments: [db] }
          """;
      assertThat(errors(yaml))
          .containsExactly(
              "services.web.image (line 2): leave the tag out (image:"
                  + " registry.example.com/acme/web): the version you deploy becomes the tag",
              "services.api.image (line 3): leave the digest out (image:"
                  + " registry.example.com/acme/api): the version you deploy becomes the tag");
    }

    @Test
    @DisplayName("a Deployment's name is a DNS subdomain")
    void deploymentName() {
      assertThat(errors("services:\n  web: { image: acme/web, deployments: [web, Web_2] }\n"))
          .containsExactly(
              "services.web.deployments[1] (line 2): 'Web_2' is not a Deployment name: use"
                  + " lowercase letters, digits, '-' and '.'");
    }
  }

  @Nested
  @DisplayName("warnings")
  class WarningsTest {
    @Test
    @DisplayName("empty Slack secrets warn that serve will not start, and do not fail loading")
    void slackSecrets() {
      LoadResult result =
          parse("slack:\n  botToken: ${SLACK_BOT_TOKEN:-}\n  signingSecret: \"\"\n");
      assertThat(result.ok()).isTrue();
      assertThat(warnings(result))
          .containsExactly(
              "slack.botToken (line 2): empty: `serve` refuses to start without it: set"
                  + " SLACK_BOT_TOKEN",
              "slack.signingSecret (line 3): empty: `serve` refuses to start without it: set"
                  + " SLACK_SIGNING_SECRET");
    }

    @Test
    @DisplayName(
        "notify: defaults to everyone called on and failures in the channel where approvals are"
            + " asked; its channel takes failures, outcomes or never")
    void notifySettings() {
      String secrets = "slack: { botToken: t, signingSecret: s, channel: C1 }\n";
      String environments =
          """
          environments:
            prod: { cluster: prod-eu, namespace: prod, deployers: [U01A, U01B], approvals: 1 }
            dev:
              cluster: prod-eu
              namespace: dev
              deployers: [U01A]
              notify: { requester: false, channel: outcomes }
          """;
      ShipmateConfig config = parse(secrets + CLUSTERS + environments).orThrow();
      assertThat(config.environments().get("prod").policy().notifications())
          .isEqualTo(new Notifications(true, true, Notifications.Channel.FAILURES));
      assertThat(config.environments().get("dev").policy().notifications())
          .isEqualTo(new Notifications(true, false, Notifications.Channel.OUTCOMES));
      assertThat(
              errors(
                  secrets
                      + CLUSTERS
                      + "environments:\n  dev: { cluster: prod-eu, namespace: dev, deployers:"
                      + " [U01A], notify: { channel: everyone } }\n"))
          .singleElement()
          .asString()
          .startsWith("environments.dev.notify.channel (line ")
          .endsWith(
              "expected failures (a failure or rollback is shown in the channel too), outcomes"
                  + " (every outcome) or never (the thread only), got 'everyone'");
    }

    @Test
    @DisplayName(
        "Socket Mode needs an app-level token and no signing secret; another mode is refused")
    void slackModes() {
      LoadResult socket = parse("slack:\n  mode: socket\n  botToken: t\n");
      assertThat(socket.ok()).isTrue();
      assertThat(socket.orThrow().slack().mode()).isEqualTo(SlackSettings.Mode.SOCKET);
      assertThat(warnings(socket))
          .containsExactly(
              "slack.appToken (line 1): missing: `serve` refuses to start without it: write appToken:"
                  + " ${SLACK_APP_TOKEN} and set SLACK_APP_TOKEN");
      assertThat(parse("slack: { botToken: t, signingSecret: s }\n").orThrow().slack().mode())
          .isEqualTo(SlackSettings.Mode.HTTP);
      assertThat(errors("slack: { mode: websocket, botToken: t, signingSecret: s }\n"))
          .containsExactly(
              "slack.mode (line 1): expected http (Slack posts to /slack/events, the default) or"
                  + " socket (Socket Mode: the bot connects to Slack with an app-level token),"
                  + " got 'websocket'");
    }

    @Test
    @DisplayName("a missing slack section says what to write")
    void noSlack() {
      assertThat(warnings("store: {}\n"))
          .containsExactly(
              "slack.botToken: missing: `serve` refuses to start without it: write botToken:"
                  + " ${SLACK_BOT_TOKEN} and set SLACK_BOT_TOKEN",
              "slack.signingSecret: missing: `serve` refuses to start without it: write"
                  + " signingSecret: ${SLACK_SIGNING_SECRET} and set SLACK_SIGNING_SECRET");
    }

    @Test
    @DisplayName("an environment without deployers warns that anyone may deploy there")
    void noDeployers() {
      String yaml =
          "slack: { botToken: t, signingSecret: s }\n"
              + CLUSTERS
              + "environments:\n  dev: { cluster: dev, namespace: dev }\n";
      LoadResult result = parse(yaml);
      assertThat(result.ok()).isTrue();
      assertThat(warnings(result))
          .containsExactly(
              "environments.dev (line 6): no deployers: anyone in the workspace may deploy to dev"
                  + " — add deployers: [group:…]");
    }

    @Test
    @DisplayName("approvals with no channel to ask in warn; slack.channel is enough")
    void approvalsWithoutChannel() {
      String environments =
          CLUSTERS
              + """
              environments:
                prod: { cluster: prod-eu, namespace: prod, deployers: [U01A, U01B], approvals: 1 }
              """;
      String secrets = "slack: { botToken: t, signingSecret: s }\n";
      assertThat(warnings(secrets + environments))
          .containsExactly(
              "environments.prod.approvals (line 6): approval requests go to the channel the"
                  + " command was typed in, where approvers may not look: set channel: (or"
                  + " slack.channel)");
      assertThat(warnings("slack: { botToken: t, signingSecret: s, channel: C1 }\n" + environments))
          .isEmpty();
    }
  }

  @Test
  @DisplayName("what the file leaves out takes its documented default")
  void defaults() {
    // Given the least each section needs
    String yaml =
        """
        clusters:
          dev: { context: dev }
        environments:
          dev: { cluster: dev, namespace: dev }
        previews:
          cluster: dev
          namespace: pr-{number}
          host: pr-{number}.preview.example.com
          manifests: examples/previews/web
        cutovers:
          www:
            zone: Z0EXAMPLE
            record: www.example.com
            type: A
            blue: blue
            green: green
            health: { url: "https://green.example.com/healthz" }
        drift:
          schedule: 0 0 9 ? * MON-FRI
          channel: C0DRIFT
          source: { git: "https://git.example.com/k8s.git", path: "clusters/{cluster}" }
        """;
    // When it is loaded
    ShipmateConfig config = parse(yaml).orThrow();
    // Then the defaults are filled in
    assertThat(config.store().url()).isEqualTo(StoreSettings.DEFAULT_URL);
    assertThat(config.cluster("dev").orElseThrow().provider()).isEqualTo(Cluster.Provider.NONE);
    assertThat(config.cluster("dev").orElseThrow().policy()).isEqualTo(Policy.OPEN);
    assertThat(config.environment("dev").orElseThrow().policy()).isEqualTo(Policy.OPEN);
    Previews previews = config.previews().orElseThrow();
    assertThat(previews.ttl()).isEqualTo(Duration.ofHours(72));
    assertThat(previews.limit()).isEqualTo(10);
    Cutover www = config.cutover("www").orElseThrow();
    assertThat(www.bake()).isEqualTo(Duration.ofMinutes(5));
    assertThat(www.health().minSuccess()).isEqualTo(0.99);
    assertThat(www.health().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.drift().orElseThrow().source().branch()).isEqualTo("main");
  }
}
