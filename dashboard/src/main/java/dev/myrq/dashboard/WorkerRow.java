package dev.myrq.dashboard;

import dev.myrq.core.Job;
import dev.myrq.core.WorkerInfo;
import java.util.List;

/** One worker of the workers page and the jobs it runs. */
public record WorkerRow(WorkerInfo worker, List<Job> running) {}
