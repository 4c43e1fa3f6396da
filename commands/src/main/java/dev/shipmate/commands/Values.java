package dev.shipmate.commands;

import java.time.Duration;
import java.util.List;

/** The checked value of each slot of a form, in the form's order. */
record Values(List<Object> values) {

  Values {
    values = List.copyOf(values);
  }

  String text(int slot) {
    return (String) values.get(slot);
  }

  int number(int slot) {
    return (Integer) values.get(slot);
  }

  Duration duration(int slot) {
    return (Duration) values.get(slot);
  }
}
