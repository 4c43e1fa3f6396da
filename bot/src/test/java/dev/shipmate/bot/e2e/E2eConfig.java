package dev.shipmate.bot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration the end-to-end tests run on: DESIGN.md's two environments, one service per
 * scenario (so that the tests of a class share one world and one bot without sharing a lock or a
 * Deployment), and deploy timings short enough for tests: a pod failing to pull fails the rollout
 * after 3 s instead of 2 minutes.
 */
final class E2eConfig {
  /** Members of group:sre, who may deploy to prod and approve each other's deploys there. */
  static final String SRE = "U01SRE1";

  static final String OTHER_SRE = "U01SRE2";

  /** A member of group:backend, who may deploy to staging only. */
  static final String BACKEND_DEVELOPER = "U02BE1";

  /** Where staging's runs report (slack.channel). */
  static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  /** Where prod's runs and approval requests go. */
  static final String PROD_CHANNEL = "C0PROD";

  static final String YAML =
      """
      slack:
        botToken: ${SLACK_BOT_TOKEN}
        signingSecret: ${SLACK_SIGNING_SECRET}
        channel: C0DEPLOYS
      store:
        url: ${SHIPMATE_DB_URL}
      groups:
        sre: [U01SRE1, U01SRE2]
        backend: [U02BE1]
      clusters:
        prod-eu: { context: prod-eu }
        dev: { context: dev }
      environments:
        staging: { cluster: dev, namespace: staging, deployers: [group:backend, group:sre] }
        prod:
          cluster: prod-eu
          namespace: prod
          deployers: [group:sre]
          approvals: 1
          channel: C0PROD
      services:
        web: { image: registry.example.com/acme/web, deployments: [web], container: web }
        api: { image: registry.example.com/acme/api, deployments: [api], container: api }
        billing: { image: registry.example.com/acme/billing, deployments: [billing], container: billing }
        search: { image: registry.example.com/acme/search, deployments: [search], container: search }
        shop: { image: registry.example.com/acme/shop, deployments: [shop], container: shop }
      deploy:
        failureGrace: 3s
        pollInterval: 2s
        rolloutTimeout: 2m
      """;

  private E2eConfig() {}

  /** Writes the configuration to {@code folder} and returns its path. */
  static Path writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve("shipmate.yaml"), YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
