package dev.shipmate.bot.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An env file that both a shell ({@code set -a; . FILE}) and {@code docker --env-file} read: one
 * {@code NAME=value} a line, values single-quoted for the shell when they need it.
 */
final class EnvFile {
  private EnvFile() {}

  static void write(Path file, Map<String, String> variables) {
    String text =
        variables.entrySet().stream()
            .map(e -> e.getKey() + "=" + quoted(e.getValue()))
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String quoted(String value) {
    return value.matches("[A-Za-z0-9_./:@,+=-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
