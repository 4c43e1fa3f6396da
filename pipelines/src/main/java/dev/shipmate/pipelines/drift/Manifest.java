package dev.shipmate.pipelines.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One object as git says it should be.
 *
 * @param body the document as written (only its fields are compared)
 * @param source the file it came from, relative to the repository, and the document's number in it:
 *     {@code clusters/prod-eu/web.yaml#2}
 */
public record Manifest(ObjectRef ref, JsonNode body, String source) {
  public Manifest {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(source, "source");
  }
}
