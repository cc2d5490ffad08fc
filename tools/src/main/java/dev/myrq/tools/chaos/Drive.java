package dev.myrq.tools.chaos;

/**
 * How the driving went: {@code faultName} as {@link RedisTarget#faultName()}; {@code fault} is null if the run ended
 * before half the jobs had finished, {@code stall} null if no worker was stalled.
 */
record Drive(boolean timedOut, String faultName, RedisTarget.Fault fault, Progress last, Stall.Window stall) {}
