package dev.shipmate.bot.e2e;

/**
 * The configuration the end-to-end tests run on: DESIGN.md's two environments, one service per
 * scenario (so that the tests of a class share one world and one bot without sharing a lock or a
 * Deployment), and deploy timings short enough for tests: a pod failing to pull fails the rollout
 * after 3 s instead of 2 minutes. Its people and channels are those of the example configuration
 * ({@code config/examples/shipmate.yaml}) too, so tests on either name them from here.
 */
public final class E2eConfig {
  /** Members of group:sre, who may deploy to prod and approve each other's deploys there. */
  public static final String SRE = "U01SRE1";

  public static final String OTHER_SRE = "U01SRE2";

  /** A member of group:backend, who may deploy to staging only. */
  public static final String BACKEND_DEVELOPER = "U02BE1";

  /** Where staging's runs report (slack.channel). */
  public static final String DEPLOYS_CHANNEL = "C0DEPLOYS";

  /** Where prod's runs and approval requests go. */
  public static final String PROD_CHANNEL = "C0PROD";

  public static final String YAML =
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
}
