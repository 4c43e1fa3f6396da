package dev.shipmate.sandbox.slack;

/**
 * A file uploaded through {@code files.getUploadURLExternal} and its upload URL.
 *
 * @param content null until the upload URL has received it
 * @param title set by {@code files.completeUploadExternal}
 */
public record SlackFile(String id, String filename, long length, byte[] content, String title) {}
