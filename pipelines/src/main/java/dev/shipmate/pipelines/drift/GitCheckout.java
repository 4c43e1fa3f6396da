package dev.shipmate.pipelines.drift;

import java.nio.file.Path;

/**
 * The working tree of the drift repository at one commit.
 *
 * @param commit the commit's id, abbreviated, for the report
 */
public record GitCheckout(Path root, String commit) {}
