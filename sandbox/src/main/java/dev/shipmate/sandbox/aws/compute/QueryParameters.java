package dev.shipmate.sandbox.aws.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Query protocol's flattened parameters: {@code Name.member.1}, {@code InstanceId.1}, ... */
final class QueryParameters {

  private final Map<String, String> form;

  QueryParameters(Map<String, String> form) {
    this.form = form;
  }

  String get(String name) {
    return form.get(name);
  }

  Integer integer(String name) {
    String value = form.get(name);
    return value == null ? null : Integer.valueOf(value);
  }

  boolean bool(String name) {
    return Boolean.parseBoolean(form.get(name));
  }

  /** {@code prefix.1}, {@code prefix.2}, ... until one is missing. */
  List<String> list(String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; form.containsKey(prefix + "." + i); i++) {
      values.add(form.get(prefix + "." + i));
    }
    return values;
  }
}
