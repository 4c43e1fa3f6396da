package dev.shipmate.commands;

import java.util.List;

/** The configurations the tests read commands against. */
final class Catalogs {
  private Catalogs() {}

  /** Several of each kind, so that no name may be left out. */
  static Catalog several() {
    return new Catalog(
        List.of("web", "api", "worker"),
        List.of("staging", "prod"),
        List.of("prod-eu", "dev"),
        List.of("www", "shop"),
        true);
  }

  /** One of each kind, so that every name may be left out. */
  static Catalog single() {
    return new Catalog(List.of("web"), List.of("prod"), List.of("prod-eu"), List.of("www"), true);
  }

  /** Several of each kind, and no preview environments. */
  static Catalog withoutPreviews() {
    Catalog several = several();
    return new Catalog(
        several.services(), several.environments(), several.clusters(), several.cutovers(), false);
  }
}
