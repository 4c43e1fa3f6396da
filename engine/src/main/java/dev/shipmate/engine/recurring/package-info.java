/**
 * Work the engine runs on a schedule rather than on request: {@link
 * dev.shipmate.engine.recurring.RecurringJob}, registered with {@code Engine.schedule}.
 */
package dev.shipmate.engine.recurring;
