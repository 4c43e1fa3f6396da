/**
 * The engine's one watchdog: a recurring job on the engine's scheduler that flags stuck runs once
 * in their threads, backs up approval deadlines and freeze holds, and runs the watches features
 * register (a preview about to expire). Settings: {@code watchdogs:} in the configuration.
 */
package dev.shipmate.engine.watchdog;
