package dev.shipmate.sandbox.aws.cloudwatch;

/** The three states of a CloudWatch alarm, as {@code StateValue} names them. */
public enum AlarmState {
  OK,
  ALARM,
  INSUFFICIENT_DATA
}
