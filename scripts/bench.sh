#!/usr/bin/env bash
# bench.sh: measure myrq on this machine against a yardstick taken in the same run.
#
# Starts a private Redis (Debian's redis-server, persistence off) on a free port, measures R1 = redis-benchmark
# LPUSH with one connection and no pipelining, then runs dev.myrq.tools.bench.Bench from the tools jar (tools/):
# single and bulk enqueue, `myrq enqueue --from`, drains by burst workers, enqueue-to-start latency, Redis
# commands and memory per job, worker RSS. Prints one table (every figure with its target as a ratio to R1) and
# writes the same figures as JSON. Stops Redis and the workers on exit.
#
# Usage: scripts/bench.sh [--json-out FILE]      (default target/bench.json)
#   N=2000 scripts/bench.sh                      quick smoke run (default N=20000 jobs)
#   WORKER_JAVA_OPTS='-XX:StartFlightRecording=...' scripts/bench.sh    JVM options for the workers (default:
#                                                the worker launcher's: C1 only, lower thresholds on the job-start path; '' for the JVM's)
# Exits 0 when every step ran (missed targets are reported, not failed), 1 on a missing jar or a broken step.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
worker_jar=$repo/worker/target/myrq-worker.jar
cli_jar=$repo/cli/target/myrq.jar
jobs_jar=$repo/jobs-example/target/myrq-jobs-example.jar
tools_jar=$repo/tools/target/myrq-tools.jar
n=${N:-20000}
json_out=$repo/target/bench.json
readonly R1_REQUESTS=200000

while [[ $# -gt 0 ]]; do
  case $1 in
    --json-out) json_out=${2:?--json-out needs a FILE}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'; try --help" >&2; exit 1 ;;
  esac
done
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: N must be a positive integer, got '$n'" >&2; exit 1; }
[[ $json_out = /* ]] || json_out=$PWD/$json_out

missing=()
for jar in "$worker_jar" "$cli_jar" "$jobs_jar" "$tools_jar"; do
  [[ -f $jar ]] || missing+=("${jar#"$repo"/}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "bench.sh: missing ${missing[*]}; build first: cd $repo && mvn -B -q -DskipTests package" >&2
  exit 1
fi

# Debian's packages: redis-server for the private Redis, redis-tools for redis-benchmark and redis-cli.
if [[ ! -x /usr/bin/redis-server || ! -x /usr/bin/redis-benchmark || ! -x /usr/bin/redis-cli ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "bench.sh: needs redis-server and redis-tools: apt-get install redis-server redis-tools (as root)" >&2
    exit 1
  fi
  echo "bench.sh: installing redis-server and redis-tools" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >&2
fi

tmp=$(mktemp -d -t myrq-bench.XXXXXX)
redis_pid=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $redis_pid ]] && kill -0 "$redis_pid" 2>/dev/null; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [[ $rc -eq 0 ]]; then
    rm -rf "$tmp"
  else
    echo "bench.sh: failed; logs kept in $tmp" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port: try random ones until a redis-server binds (it exits at once when the port is taken).
port=
start_redis() {
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    /usr/bin/redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$tmp" \
      --logfile "$tmp/redis.log" --daemonize no </dev/null >/dev/null 2>&1 &
    redis_pid=$!
    for _ in $(seq 1 50); do
      if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG \
        && [[ $(redis-cli -p "$port" info server | awk -F: '/^process_id:/ {print $2}' | tr -d '\r') == "$redis_pid" ]]; then
        return 0
      fi
      kill -0 "$redis_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=
  done
  echo "bench.sh: could not start redis-server on a free port; see $tmp/redis.log" >&2
  return 1
}
start_redis
echo "bench.sh: private Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$port, N=$n" >&2

# Redis's own CPU time (user + system) in microseconds: a cost per operation that load on the machine skews less
# than a rate does.
redis_cpu_us() {
  redis-cli -p "$port" info cpu | awk -F: '/^used_cpu_(user|sys):/ {s += $2} END {printf "%.0f", s * 1e6}'
}

echo "bench.sh: R1 = redis-benchmark -P 1 -c 1 -t lpush -n $R1_REQUESTS" >&2
cpu_before=$(redis_cpu_us)
r1_line=$(redis-benchmark -p "$port" -P 1 -c 1 -t lpush -n "$R1_REQUESTS" -q | tr '\r' '\n' | grep -a 'LPUSH:.*requests per second' | tail -1)
r1=$(awk '{for (i = 1; i <= NF; i++) if ($(i + 1) == "requests") print $i}' <<<"$r1_line")
[[ -n $r1 ]] || { echo "bench.sh: could not read R1 from redis-benchmark: '$r1_line'" >&2; exit 1; }
r1_cpu=$(( ($(redis_cpu_us) - cpu_before) / R1_REQUESTS ))
redis-cli -p "$port" flushall >/dev/null

cd "$repo"
# the workers run with scripts/myrq-worker's default JVM options unless told otherwise
c=-XX:CompileCommand=CompileThresholdScaling
export WORKER_JAVA_OPTS=${WORKER_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:CompileCommand=quiet $c,dev.myrq.worker.*::*,0.1 \
$c,dev.myrq.core.storage.*::*,0.1 $c,sun.nio.ch.*::*,0.1 $c,com.google.gson.*::*,0.1}
MYRQ_LOG=WARN java -cp "$tools_jar" dev.myrq.tools.bench.Bench \
  --port "$port" --r1 "$r1" --r1-redis-cpu-us "$r1_cpu" --n "$n" --json-out "$json_out" --worker-jar "$worker_jar" --cli-jar "$cli_jar" \
  --jobs-jar "$jobs_jar" --work-dir "$tmp"
echo "bench.sh: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB memory" >&2
