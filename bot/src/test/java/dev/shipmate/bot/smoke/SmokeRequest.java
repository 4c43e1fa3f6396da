package dev.shipmate.bot.smoke;

/** What a smoke test checks: a cluster. */
public record SmokeRequest(String cluster) {}
