package dev.myrq.tools.chaos;

import java.time.Duration;

/** How the driving went; {@code stall} is null if no worker was stalled. */
record Drive(boolean timedOut, Duration redisDown, Progress last, Stall.Window stall) {}
