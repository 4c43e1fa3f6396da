package dev.shipmate.config;

/**
 * One thing wrong (or worth a warning) in a configuration: where — the dotted path of the key and
 * the line of the YAML file, 0 when unknown — and what, in words a person can act on.
 */
public record ConfigProblem(Severity severity, String path, int line, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static ConfigProblem error(String path, int line, String message) {
    return new ConfigProblem(Severity.ERROR, path, line, message);
  }

  public static ConfigProblem warning(String path, int line, String message) {
    return new ConfigProblem(Severity.WARNING, path, line, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code environments.prod.cluster (line 14): no cluster named 'main' (known: prod-eu, dev)} */
  public String render() {
    String where = path.isEmpty() ? "(top level)" : path;
    return line > 0 ? where + " (line " + line + "): " + message : where + ": " + message;
  }

  @Override
  public String toString() {
    return render();
  }
}
