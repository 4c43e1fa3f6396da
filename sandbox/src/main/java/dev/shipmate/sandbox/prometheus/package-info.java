/**
 * A stand-in for Prometheus' HTTP API whose series follow the simulated clusters: {@link
 * dev.shipmate.sandbox.prometheus.SimulatedPrometheus}.
 */
package dev.shipmate.sandbox.prometheus;
