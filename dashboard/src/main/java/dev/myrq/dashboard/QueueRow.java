package dev.myrq.dashboard;

import dev.myrq.core.QueueInfo;
import java.time.Duration;

/**
 * One line of the queues page.
 *
 * @param oldestWait how long the oldest of the jobs next in line has waited; null when none waits
 * @param endedLastHour jobs finished or failed in the sparkline's span
 * @param workers live workers that serve the queue
 */
public record QueueRow(QueueInfo info, Duration oldestWait, Sparkline spark, long endedLastHour, int workers) {}
