package dev.shipmate.pipelines.drift;

import java.util.Objects;

/**
 * The Route53 weights git says a cutover should have, from a document of the form:
 *
 * <pre>
 * apiVersion: shipmate.dev/v1
 * kind: CutoverWeights
 * metadata: { name: www }      # a cutover of the configuration
 * spec: { blue: 100, green: 0 }
 * </pre>
 */
public record DesiredWeights(String cutover, int blue, int green, String source) {
  public static final String API_VERSION = "shipmate.dev/v1";
  public static final String KIND = "CutoverWeights";

  public DesiredWeights {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(source, "source");
  }
}
