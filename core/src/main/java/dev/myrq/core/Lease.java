package dev.myrq.core;

/** One attempt's lease: the job id and the token of this attempt (unique per attempt). */
public record Lease(String id, String token) {}
