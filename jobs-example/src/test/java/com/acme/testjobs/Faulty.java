package com.acme.testjobs;

import java.util.ArrayList;
import java.util.List;

/** Jobs whose end is hard to record: results that are not JSON, too large, or exceptions that throw. */
public class Faulty {

  /** A list that contains itself: serialising it never ends (StackOverflowError). */
  public static List<Object> selfResult() {
    List<Object> l = new ArrayList<>();
    l.add(l);
    return l;
  }

  /** Throw an exception whose getMessage (and toString) throws. */
  public static void badMessage() {
    throw new IllegalStateException() {
      private static final long serialVersionUID = 1L;

      @Override
      public String getMessage() {
        throw new UnsupportedOperationException("no message for you");
      }
    };
  }

  /** Return NaN, which is not JSON. */
  public static double nan() {
    return Double.NaN;
  }

  /** Return a string of {@code bytes} x's. */
  public static String big(int bytes) {
    return "x".repeat(bytes);
  }

  /** Ask for an array larger than the JVM allows: a real OutOfMemoryError, thrown at once without filling the heap. */
  public static long[] outOfMemory() {
    return new long[Integer.MAX_VALUE];
  }

  /** Throw an Error that is not an Exception. */
  public static void error() {
    throw new AssertionError("an Error, not an Exception");
  }
}
