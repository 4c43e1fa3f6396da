package dev.shipmate.config;

/** What every reader of one configuration shares: where problems go, how values expand. */
record ReadContext(Problems problems, Interpolator interpolator) {}
