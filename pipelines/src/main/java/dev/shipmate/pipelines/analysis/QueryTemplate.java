package dev.shipmate.pipelines.analysis;

import java.util.Map;

/**
 * A check's query with the run's names put in: {@code {service}}, {@code {namespace}}, {@code
 * {environment}}, {@code {version}}, {@code {cluster}} (the configuration refuses any other
 * placeholder, so PromQL's own braces are left alone).
 */
public final class QueryTemplate {
  private QueryTemplate() {}

  public static String fill(String query, Map<String, String> names) {
    String filled = query;
    for (Map.Entry<String, String> name : names.entrySet()) {
      filled = filled.replace("{" + name.getKey() + "}", name.getValue());
    }
    return filled;
  }
}
