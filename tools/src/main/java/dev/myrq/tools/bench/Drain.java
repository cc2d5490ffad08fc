package dev.myrq.tools.bench;



/** One drain run: jobs/s from first start to last end, wall time with JVM start, and its Redis cost. */
record Drain(
    int processes, int concurrency, double perSecond, double wallSeconds, double commandsPerJob,
    double topLevelPerJob, double evalshaPerJob, double evalshaUsecPerCall, double peakRssMb,
    double redisCpuUsPerJob, double workerCpuUsPerJob) {}
