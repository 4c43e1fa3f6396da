package dev.shipmate.sandbox.aws.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Query protocol's flattened parameters: {@code Name.member.1}, {@code InstanceId.1}, ... */
public final class QueryParameters {

  private final Map<String, String> form;

  public QueryParameters(Map<String, String> form) {
    this.form = form;
  }

  public String get(String name) {
    return form.get(name);
  }

  public Integer integer(String name) {
    String value = form.get(name);
    return value == null ? null : Integer.valueOf(value);
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(form.get(name));
  }

  /** {@code prefix.1}, {@code prefix.2}, ... until one is missing. */
  public List<String> list(String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; form.containsKey(prefix + "." + i); i++) {
      values.add(form.get(prefix + "." + i));
    }
    return values;
  }
}
