package dev.shipmate.sandbox.prometheus;

import java.util.Map;
import java.util.Objects;

/** One series at the instant of a query: its labels (with {@code __name__}) and its value. */
record Series(Map<String, String> labels, double value) {
  Series {
    labels = Map.copyOf(labels);
    Objects.requireNonNull(labels, "labels");
  }

  String name() {
    return labels.getOrDefault("__name__", "");
  }
}
