package dev.shipmate.sandbox.aws.cloudwatch;

import dev.shipmate.sandbox.aws.FaultPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch metric alarms whose state a test sets ({@link #setAlarm}); {@code DescribeAlarms}
 * reads them ({@link CloudWatchApi}). Alarms are regional, as in AWS: an alarm set in {@code
 * eu-west-1} is not seen by a client of {@code us-east-1}.
 */
public final class SimulatedCloudWatch {

  private final Clock clock;
  private final Map<String, Alarm> alarms = new LinkedHashMap<>();
  private final FaultPlan faults = new FaultPlan();
  private final List<String> asked = new ArrayList<>();

  public SimulatedCloudWatch(Clock clock) {
    this.clock = clock;
  }

  /** Creates the alarm, or moves it to {@code state}, with CloudWatch's kind of reason. */
  public void setAlarm(String region, String name, AlarmState state) {
    setAlarm(region, name, state, defaultReason(state));
  }

  public synchronized void setAlarm(String region, String name, AlarmState state, String reason) {
    alarms.put(key(region, name), new Alarm(region, name, state, reason, clock.instant()));
  }

  /** Deletes the alarm, as {@code DeleteAlarms} would. */
  public synchronized void deleteAlarm(String region, String name) {
    alarms.remove(key(region, name));
  }

  public synchronized Optional<Alarm> alarm(String region, String name) {
    return Optional.ofNullable(alarms.get(key(region, name)));
  }

  /** The region's alarms, in name order (as {@code DescribeAlarms} lists them). */
  synchronized List<Alarm> alarms(String region) {
    return alarms.values().stream()
        .filter(a -> a.region().equals(region))
        .sorted(Comparator.comparing(Alarm::name))
        .toList();
  }

  /** The alarm names each {@code DescribeAlarms} asked for, in order: what tests read. */
  public synchronized List<String> asked() {
    return List.copyOf(asked);
  }

  synchronized void recordAsked(List<String> names) {
    asked.addAll(names);
  }

  /** Failures for the next calls of an operation ({@code DescribeAlarms}). */
  public FaultPlan faults() {
    return faults;
  }

  private static String key(String region, String name) {
    return region + "/" + name;
  }

  private static String defaultReason(AlarmState state) {
    return switch (state) {
      case OK ->
          "Threshold Crossed: 1 datapoint [0.0] was not greater than or equal to the threshold"
              + " (5.0).";
      case ALARM ->
          "Threshold Crossed: 1 datapoint [12.0] was greater than or equal to the threshold"
              + " (5.0).";
      case INSUFFICIENT_DATA -> "Insufficient Data: 1 datapoint was unknown.";
    };
  }
}
