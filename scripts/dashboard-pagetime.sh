#!/usr/bin/env bash
# dashboard-pagetime.sh: how long the dashboard's pages take with many jobs in Redis.
#
# Starts a private Redis (Debian's redis-server, persistence off) on a free port and fills it through the real
# jars: N jobs (default 100,000) queued in `default` by `myrq enqueue --from` (bulk enqueue, enqueueMany), and
# DONE jobs (default 20,000: 90% com.acme.Task.add, 10% com.acme.Task.fail) run by a burst worker on `mail`, so the
# finished and failed registries and the sparkline have data. Then starts `myrq dashboard` and times each page with
# curl: WARMUP requests first (default 30), then RUNS (default 50); prints median, p90 and max in milliseconds.
# Stops Redis and the dashboard on exit.
#
# Usage: scripts/dashboard-pagetime.sh            after mvn -B -q -DskipTests package
#   N=10000 DONE=2000 scripts/dashboard-pagetime.sh     a quicker run
# Exits 0 when it measured (the 200 ms target is reported, not enforced), 1 on a missing jar or a broken step.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cli_jar=$repo/cli/target/myrq.jar
worker_jar=$repo/worker/target/myrq-worker.jar
jobs_jar=$repo/jobs-example/target/myrq-jobs-example.jar
n=${N:-100000}
done_jobs=${DONE:-20000}
warmup=${WARMUP:-30}
runs=${RUNS:-50}
readonly TARGET_MS=200

for jar in "$cli_jar" "$worker_jar" "$jobs_jar"; do
  [[ -f $jar ]] || { echo "dashboard-pagetime.sh: missing $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
done
for tool in redis-server redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "dashboard-pagetime.sh: needs $tool" >&2; exit 1; }
done

tmp=$(mktemp -d -t myrq-pagetime.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=redis://127.0.0.1:$port
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" >"$tmp/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
myrq() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$cli_jar" --redis "$url" "$@"; }

echo "== Filling Redis at $url: $n queued jobs, $done_jobs jobs run by a worker"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"func\":\"com.acme.Task.add\",\"args\":[%d,%d]}\n", i, i }' \
  >"$tmp/queued.jsonl"
awk -v n="$done_jobs" 'BEGIN { for (i = 0; i < n; i++) {
    if (i % 10 == 0) printf "{\"func\":\"com.acme.Task.fail\",\"args\":[\"<b>no %d</b>\"],\"retries\":0}\n", i
    else printf "{\"func\":\"com.acme.Task.add\",\"args\":[%d,1]}\n", i } }' >"$tmp/done.jsonl"
start=$SECONDS
queued_id=$(myrq enqueue com.acme.Task.add 0 0)    # the oldest queued job: the head of the queue
myrq enqueue --from "$tmp/queued.jsonl" >/dev/null
myrq enqueue --queue mail --from "$tmp/done.jsonl" >/dev/null
echo "enqueued in $((SECONDS - start)) s"
mkdir -p "$tmp/jobs"
cp "$jobs_jar" "$tmp/jobs/"
start=$SECONDS
MYRQ_JOB_LOG=ERROR java -jar "$worker_jar" --redis "$url" --queue mail --jobs-dir "$tmp/jobs" --burst \
  --concurrency 32 >"$tmp/worker.log" 2>&1
echo "worker drained mail in $((SECONDS - start)) s"
myrq queues

echo "== Starting the dashboard (JVM defaults, as for a long-running process)"
java -jar "$cli_jar" --redis "$url" dashboard --listen 127.0.0.1:0 >"$tmp/dashboard.out" 2>"$tmp/dashboard.err" &
pids+=($!)
base=
for _ in $(seq 300); do
  base=$(sed -n 's|^myrq dashboard at \(http://[^ ]*\)/$|\1|p' "$tmp/dashboard.out")
  [[ -n $base ]] && break
  sleep 0.1
done
[[ -n $base ]] || { echo "dashboard did not start:" >&2; cat "$tmp/dashboard.err" >&2; exit 1; }
echo "dashboard at $base"

failed_id=$(myrq failed --queue mail --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
deep=$(( (n / 2) / 50 ))
pages=(
  "/queues"
  "/queues/default/queued"
  "/queues/default/queued?page=$deep"
  "/queues/mail/finished"
  "/queues/mail/failed"
  "/workers"
  "/jobs/$queued_id"
  "/jobs/$failed_id"
)

time_page() {
  local path=$1 i
  for ((i = 0; i < warmup; i++)); do
    curl -s -o /dev/null "$base$path"
  done
  for ((i = 0; i < runs; i++)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base$path"
  done
}

echo
echo "== Page times ($runs requests each after $warmup warm-up requests; curl time_total, one client)"
printf '%-36s %8s %8s %8s %7s\n' "page" "median" "p90" "max" "status"
for path in "${pages[@]}"; do
  time_page "$path" | sort -k2 -n | awk -v path="$path" -v target="$TARGET_MS" '
    { code[NR] = $1; t[NR] = $2 * 1000; if ($1 != 200) bad = $1 }
    END {
      median = t[int((NR + 1) / 2)]; p90 = t[int(NR * 0.9)]; max = t[NR]
      shown = path; if (length(shown) > 36) shown = substr(shown, 1, 33) "..."
      printf "%-36s %6.1f ms %6.1f ms %6.1f ms %7s\n", shown, median, p90, max, bad ? "HTTP " bad : "200" }'
done
echo
echo "target: median <= ${TARGET_MS} ms for the queues page and a jobs page; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
