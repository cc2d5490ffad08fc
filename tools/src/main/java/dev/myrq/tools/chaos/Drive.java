package dev.myrq.tools.chaos;

import java.time.Duration;

/** How the driving went. */
record Drive(boolean timedOut, Duration redisDown, Progress last) {}
