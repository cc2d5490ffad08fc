package com.acme.testjobs;

/** Jobs that try to end the worker's JVM. */
public class Exits {
  /** Call System.exit with this code. */
  public static void exit(int code) {
    System.exit(code);
  }

  /** Call Runtime.halt with this code. */
  public static void halt(int code) {
    Runtime.getRuntime().halt(code);
  }
}
