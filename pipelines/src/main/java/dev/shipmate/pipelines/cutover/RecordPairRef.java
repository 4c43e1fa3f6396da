package dev.shipmate.pipelines.cutover;

import dev.shipmate.config.Cutover;
import java.util.Locale;
import java.util.Objects;

/**
 * Which two weighted records a cutover moves traffic between.
 *
 * @param zoneId the hosted zone id without Route53's {@code /hostedzone/} prefix
 * @param name the record name, lower case, fully qualified (ending with a dot)
 * @param type the record type, upper case ({@code CNAME}, {@code A}, ...)
 * @param blue the set identifier of the current side
 * @param green the set identifier of the new side
 */
public record RecordPairRef(String zoneId, String name, String type, String blue, String green) {

  private static final String ZONE_PREFIX = "/hostedzone/";

  public RecordPairRef {
    Objects.requireNonNull(zoneId, "zoneId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(blue, "blue");
    Objects.requireNonNull(green, "green");
    zoneId = zoneId.startsWith(ZONE_PREFIX) ? zoneId.substring(ZONE_PREFIX.length()) : zoneId;
    name = normalizeName(name);
    type = type.toUpperCase(Locale.ROOT);
    if (blue.equals(green)) {
      throw new IllegalArgumentException(
          "blue and green must be different set identifiers; both are '" + blue + "'");
    }
  }

  public static RecordPairRef of(Cutover cutover) {
    return new RecordPairRef(
        cutover.zone(), cutover.record(), cutover.type(), cutover.blue(), cutover.green());
  }

  /**
   * Route53 answers names lower case and fully qualified, with {@code *} escaped as {@code \052}.
   */
  static String normalizeName(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /** {@code www.example.com. CNAME in zone Z0EXAMPLE}. */
  public String describe() {
    return name + " " + type + " in zone " + zoneId;
  }
}
