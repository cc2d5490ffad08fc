#!/usr/bin/env bash
# chaos.sh: fault-injection run of myrq; proves that a job, once enqueued, is never lost.
#
# Runs dev.myrq.tools.chaos.Chaos from the tools jar (tools/, on core's public API, with an embedded
# redis-server). It starts its own Redis and 3 workers (the worker jar) in a temporary directory, enqueues 2000
# jobs (Risky.sleepThenRecord, from the tests jar), stalls one worker (SIGSTOP past its lease, then SIGCONT),
# SIGKILLs a worker every ~3 s, restarts Redis once, then checks every job.
#   scripts/chaos.sh [--json-out FILE]       full form, a minute or two
#   CHAOS_SHORT=1 scripts/chaos.sh           short form for CI: 600 jobs, a kill every 2 s
#   scripts/chaos.sh --cluster               on a 3-master Redis Cluster (redis-server and redis-cli on the PATH):
#                                            3 queues, one per master; a busy queue's slot moved instead of the
#                                            Redis restart (CHAOS_SHORT=1 works with it too)
# Environment: JOBS=n, CHAOS_KILL_EVERY=seconds, CHAOS_SEED=n. Exit 0 only if no job was lost, every job
# finished and none ended WorkerDied without a kill; 1 otherwise (with a one-line reason and the tail of each
# worker's log); 2 for bad usage.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
worker_jar=$repo/worker/target/myrq-worker.jar
example_jar=$repo/jobs-example/target/myrq-jobs-example.jar
tests_jar=$repo/jobs-example/target/myrq-jobs-example-tests.jar
tools_jar=$repo/tools/target/myrq-tools.jar

for jar in "$worker_jar" "$example_jar" "$tests_jar" "$tools_jar"; do
  if [[ ! -f "$jar" ]]; then
    printf 'chaos: %s is missing; build it first:\n  (cd %s && mvn -B -q -DskipTests package)\n' \
      "${jar#"$repo"/}" "$repo" >&2
    exit 1
  fi
done

exec java -Dmyrq.repo="$repo" -cp "$tools_jar" dev.myrq.tools.chaos.Chaos "$@"
