/**
 * Tools to drive the engine by hand: a clock that moves when told and wake-ups that fire when told.
 * For tests (here and in the modules that use the engine); production uses the system clock and
 * Quartz.
 */
package dev.shipmate.engine.testing;
