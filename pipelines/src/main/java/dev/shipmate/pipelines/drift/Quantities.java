package dev.shipmate.pipelines.drift;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities by value: {@code 500m} is {@code 0.5}, {@code 1Gi} is {@code
 * 1024Mi}, {@code 1k} is {@code 1000}, {@code 1e3} is {@code 1000}.
 */
final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][+-]?[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", KI),
          Map.entry("Mi", KI.pow(2)),
          Map.entry("Gi", KI.pow(3)),
          Map.entry("Ti", KI.pow(4)),
          Map.entry("Pi", KI.pow(5)),
          Map.entry("Ei", KI.pow(6)));

  private Quantities() {}

  /** The value of {@code text} as a quantity, or empty when it is not one. */
  static Optional<BigDecimal> parse(String text) {
    Matcher m = QUANTITY.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      value = value.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)));
    }
    String suffix = m.group(3) == null ? "" : m.group(3);
    return Optional.of(value.multiply(SUFFIXES.get(suffix)));
  }

  /** Whether both are quantities of the same value. */
  static boolean sameValue(String a, String b) {
    Optional<BigDecimal> x = parse(a);
    Optional<BigDecimal> y = parse(b);
    return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
  }
}
