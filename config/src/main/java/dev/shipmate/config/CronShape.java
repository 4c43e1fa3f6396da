package dev.shipmate.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a text has the shape of a Quartz cron expression — six or seven fields, the
 * characters and values each field allows, {@code ?} in exactly one of day-of-month and day-of-week
 * — without Quartz, which the config module does not depend on. It accepts a subset of what Quartz
 * accepts (no wrapping ranges such as {@code FRI-MON}), so what passes here also passes Quartz.
 */
final class CronShape {
  static final String EXAMPLE = "\"0 0 9 ? * MON-FRI\" (09:00 on weekdays)";

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private static final Pattern RANGE_STEP =
      Pattern.compile("([0-9]{1,4}|[A-Z]{3}|\\*)(?:-([0-9]{1,4}|[A-Z]{3}))?(?:/([0-9]{1,3}))?");

  private enum Field {
    SECONDS("seconds", 0, 59, List.of(), "0-59"),
    MINUTES("minutes", 0, 59, List.of(), "0-59"),
    HOURS("hours", 0, 23, List.of(), "0-23"),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of(), "1-31, ?, L, L-3, LW or 15W"),
    MONTH("month", 1, 12, MONTHS, "1-12 or JAN-DEC"),
    DAY_OF_WEEK("day-of-week", 1, 7, DAYS, "1-7 or SUN-SAT, ?, 6L or 6#3"),
    YEAR("year", 1970, 2099, List.of(), "1970-2099");

    final String label;
    final int min;
    final int max;
    final List<String> names;
    final String allowed;

    Field(String label, int min, int max, List<String> names, String allowed) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
      this.allowed = allowed;
    }
  }

  private CronShape() {}

  /** What is wrong with {@code expression} as a Quartz cron expression, if anything. */
  static Optional<String> problem(String expression) {
    String[] parts = expression.trim().toUpperCase(Locale.ROOT).split("\\s+");
    if (parts.length == 5) {
      return Optional.of(
          "'"
              + expression
              + "' has 5 fields, like a Unix crontab: a Quartz cron expression starts with the"
              + " seconds and has '?' in day-of-month or day-of-week, e.g. "
              + EXAMPLE);
    }
    if (parts.length < 6 || parts.length > 7) {
      return Optional.of(
          "'"
              + expression
              + "' has "
              + parts.length
              + " field(s): a Quartz cron expression has 6 or 7 (seconds minutes hours"
              + " day-of-month month day-of-week [year]), e.g. "
              + EXAMPLE);
    }
    Field[] fields = Field.values();
    for (int i = 0; i < parts.length; i++) {
      if (!fieldIsValid(fields[i], parts[i])) {
        return Optional.of(
            fields[i].label
                + " '"
                + parts[i]
                + "' is not valid: use "
                + fields[i].allowed
                + ", combined with , - * /, e.g. "
                + EXAMPLE);
      }
    }
    boolean anyDayOfMonth = parts[3].equals("?");
    boolean anyDayOfWeek = parts[5].equals("?");
    if (anyDayOfMonth == anyDayOfWeek) {
      return Optional.of(
          "'"
              + expression
              + "' must have '?' in exactly one of day-of-month and day-of-week (Quartz cannot"
              + " combine both), e.g. "
              + EXAMPLE);
    }
    return Optional.empty();
  }

  private static boolean fieldIsValid(Field field, String text) {
    if (text.equals("?")) {
      return field == Field.DAY_OF_MONTH || field == Field.DAY_OF_WEEK;
    }
    // Quartz takes L, W and # only alone, never in a list.
    if (field == Field.DAY_OF_MONTH && isSpecialDayOfMonth(text)) {
      return true;
    }
    if (field == Field.DAY_OF_WEEK && isSpecialDayOfWeek(text)) {
      return true;
    }
    for (String item : text.split(",", -1)) {
      if (!itemIsValid(field, item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean itemIsValid(Field field, String item) {
    Matcher m = RANGE_STEP.matcher(item);
    if (!m.matches()) {
      return false;
    }
    boolean star = m.group(1).equals("*");
    if (star && m.group(2) != null) {
      return false;
    }
    Integer start = star ? Integer.valueOf(field.min) : value(field, m.group(1));
    Integer end = m.group(2) == null ? start : value(field, m.group(2));
    if (start == null || end == null || end < start) {
      return false;
    }
    if (m.group(3) != null) {
      int step = Integer.parseInt(m.group(3));
      return step >= 1 && step <= field.max;
    }
    return true;
  }

  private static Integer value(Field field, String token) {
    if (Character.isLetter(token.charAt(0))) {
      int index = field.names.indexOf(token);
      return index < 0 ? null : index + 1;
    }
    int number = Integer.parseInt(token);
    return number >= field.min && number <= field.max ? number : null;
  }

  private static boolean isSpecialDayOfMonth(String text) {
    if (text.equals("L") || text.equals("LW")) {
      return true;
    }
    Matcher offset = Pattern.compile("L-([0-9]{1,2})").matcher(text);
    if (offset.matches()) {
      return Integer.parseInt(offset.group(1)) <= 30;
    }
    Matcher weekday = Pattern.compile("([0-9]{1,2})W").matcher(text);
    if (weekday.matches()) {
      int day = Integer.parseInt(weekday.group(1));
      return day >= 1 && day <= 31;
    }
    return false;
  }

  private static boolean isSpecialDayOfWeek(String text) {
    if (text.equals("L")) {
      return true;
    }
    Matcher last = Pattern.compile("([1-7]|[A-Z]{3})L").matcher(text);
    if (last.matches()) {
      return value(Field.DAY_OF_WEEK, last.group(1)) != null;
    }
    Matcher nth = Pattern.compile("([1-7]|[A-Z]{3})#([1-5])").matcher(text);
    return nth.matches() && value(Field.DAY_OF_WEEK, nth.group(1)) != null;
  }
}
