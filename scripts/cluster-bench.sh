#!/usr/bin/env bash
# cluster-bench.sh: drain throughput of one Redis node against a 3-master Redis Cluster, in the same run.
#
# Starts a standalone redis-server and a 3-master cluster (redis-server in cluster mode, persistence off) on free
# ports, then on each: enqueues N no-op jobs spread over 3 queues (on the cluster, one queue per master) with
# `myrq enqueue --from`, and drains them with 3 burst workers (--concurrency 32, each serving the 3 queues; on the
# cluster each entered through another node). Prints jobs/s between the first and the last job's end (the scores
# of the queues' finished registries, server clocks; no-op jobs end as they start). Stops everything on exit.
#
# Usage: N=30000 scripts/cluster-bench.sh        (needs the built jars: mvn -B -q -DskipTests package)
# Workers, Redis servers and this script share the machine: on a small one the cluster's three servers compete
# with the workers for the same cores, so compare the two lines of one run, not runs on different machines.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
worker_jar=$repo/worker/target/myrq-worker.jar
cli_jar=$repo/cli/target/myrq.jar
jobs_jar=$repo/jobs-example/target/myrq-jobs-example.jar
n=${N:-30000}
for jar in "$worker_jar" "$cli_jar" "$jobs_jar"; do
  [[ -f $jar ]] || { echo "cluster-bench.sh: missing $jar; build first" >&2; exit 1; }
done

tmp=$(mktemp -d -t myrq-cluster-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {  # a port p with p and p + 10000 free
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$((p + 10000))) 2>/dev/null; then
      echo "$p"; return
    fi
  done
}

start_redis() {  # port [cluster]
  mkdir -p "$tmp/$1"
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp/$1" --logfile redis.log \
    ${2:+--cluster-enabled yes --cluster-config-file nodes.conf} &
  pids+=($!)
  local tries=0
  until redis-cli -p "$1" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [[ $tries -ge 300 ]]; then
      echo "cluster-bench.sh: redis on port $1 did not start:" >&2; tail -5 "$tmp/$1/redis.log" >&2; exit 1
    fi
    sleep 0.1
  done
}

mkdir -p "$tmp/jobs" && cp "$jobs_jar" "$tmp/jobs/"
single=$(free_port); start_redis "$single"
nodes=(); for i in 1 2 3; do p=$(free_port); start_redis "$p" cluster; nodes+=("$p"); done
redis-cli --cluster create "${nodes[@]/#/127.0.0.1:}" --cluster-yes >/dev/null
for p in "${nodes[@]}"; do
  until [[ $(redis-cli -p "$p" cluster info) == *cluster_state:ok* ]]; do sleep 0.1; done
done

# a queue name whose slot is on each master
queues=()
for i in 0 1 2; do
  for k in $(seq 0 200); do
    q="bench$k"
    redis-cli -c -p "${nodes[0]}" set "probe{$q}" 1 >/dev/null
    owner=$(for p in "${nodes[@]}"; do if [[ $(redis-cli -p "$p" exists "probe{$q}") == 1 ]]; then echo "$p"; fi; done)
    redis-cli -c -p "${nodes[0]}" del "probe{$q}" >/dev/null
    if [[ $owner == "${nodes[$i]}" && ! " ${queues[*]} " =~ " $q " ]]; then queues+=("$q"); break; fi
  done
done
echo "queues ${queues[*]} on masters ${nodes[*]}"

for i in $(seq 1 "$n"); do
  printf '{"func":"com.acme.Task.noop","queue":"%s"}\n' "${queues[$((i % 3))]}"
done > "$tmp/jobs.jsonl"

run() {  # label url1 url2 url3
  local label=$1; shift
  java -jar "$cli_jar" --redis "$1" enqueue --from "$tmp/jobs.jsonl" > /dev/null
  local ws=() i=0
  for url in "$@"; do
    java -jar "$worker_jar" --redis "$url" --jobs-dir "$tmp/jobs" --burst --concurrency 32 \
      --queue "${queues[0]}" --queue "${queues[1]}" --queue "${queues[2]}" --name "w$i" > "$tmp/$label-w$i.log" 2>&1 &
    ws+=($!); i=$((i + 1))
  done
  for w in "${ws[@]}"; do wait "$w"; done
  # the span from the first job's end to the last one's, from the finished registries (epoch ms scores)
  local first="" last="" done_n=0 q port
  for q in "${queues[@]}"; do
    port=$(owner_of "$label" "$q")
    local lo hi c
    lo=$(redis-cli -p "$port" zrange "myrq:{$q}:finished" 0 0 withscores | tail -1)
    hi=$(redis-cli -p "$port" zrange "myrq:{$q}:finished" -1 -1 withscores | tail -1)
    c=$(redis-cli -p "$port" zcard "myrq:{$q}:finished")
    done_n=$((done_n + c))
    [[ -z $first || $lo -lt $first ]] && first=$lo
    [[ -z $last || $hi -gt $last ]] && last=$hi
  done
  local span_ms=$((last - first))
  printf '%-28s %6d jobs finished in %6.2f s: %7.0f jobs/s\n' "$label" "$done_n" "$(echo "$span_ms/1000" | bc -l)" \
    "$(echo "$done_n * 1000 / $span_ms" | bc -l)"
}

owner_of() {  # label queue: the port of the server holding the queue's keys
  if [[ $1 == one* ]]; then echo "$single"; return; fi
  local i
  for i in 0 1 2; do
    if [[ ${queues[$i]} == "$2" ]]; then echo "${nodes[$i]}"; fi
  done
}

run "one node (standalone)" "redis://127.0.0.1:$single" "redis://127.0.0.1:$single" "redis://127.0.0.1:$single"
run "3-master cluster" "redis://127.0.0.1:${nodes[0]}" "redis://127.0.0.1:${nodes[1]}" "redis://127.0.0.1:${nodes[2]}"
