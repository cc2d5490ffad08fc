package dev.myrq.tools.bench;



/** Enqueue-to-start times of the latency run, in ms: enqueue call to job body start, this host's clock (us). */
record Latency(double p50, double p99, double max, double mean, double maxSendLagMs) {}
