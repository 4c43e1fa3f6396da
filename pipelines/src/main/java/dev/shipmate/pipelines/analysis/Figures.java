package dev.shipmate.pipelines.analysis;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a person reads them on a card: four significant digits, no trailing zeros. */
final class Figures {
  private Figures() {}

  static String of(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
