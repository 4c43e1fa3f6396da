package dev.shipmate.sandbox.aws;

import java.util.concurrent.atomic.AtomicLong;

/** Request ids of the shape AWS uses, counted so that runs are repeatable. */
public final class RequestIds {

  private static final AtomicLong NEXT = new AtomicLong(1);

  private RequestIds() {}

  public static String next() {
    return String.format("5a4d0000-0000-4000-8000-%012x", NEXT.getAndIncrement());
  }
}
