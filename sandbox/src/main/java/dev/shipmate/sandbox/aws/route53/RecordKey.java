package dev.shipmate.sandbox.aws.route53;

import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a record set in a zone: name, type and, for weighted records, the set identifier.
 * Ordered as ListResourceRecordSets lists them: by name with its labels reversed ({@code
 * com.example.www}), then type, then set identifier.
 */
public record RecordKey(String name, String type, String setIdentifier)
    implements Comparable<RecordKey> {

  private static final Comparator<RecordKey> ORDER =
      Comparator.comparing((RecordKey key) -> reversedLabels(key.name))
          .thenComparing(RecordKey::type, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              RecordKey::setIdentifier, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public int compareTo(RecordKey other) {
    return ORDER.compare(this, other);
  }

  /** How Route53 words a record in its messages. */
  public String describe() {
    return "[name='"
        + name
        + "', type='"
        + type
        + "'"
        + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'")
        + "]";
  }

  public boolean sameNameAndType(RecordKey other) {
    return name.equals(other.name) && Objects.equals(type, other.type);
  }

  static String reversedLabels(String name) {
    String[] labels = name.replaceAll("\\.$", "").split("\\.");
    StringBuilder reversed = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      reversed.append(labels[i]);
      if (i > 0) {
        // A character below every label character, so that "example.com" sorts before its children.
        reversed.append('\u0001');
      }
    }
    return reversed.toString();
  }
}
