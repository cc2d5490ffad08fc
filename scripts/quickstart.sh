#!/usr/bin/env bash
# quickstart.sh: try myrq end to end on this machine, with nothing but Java 17 and Maven.
#
# Builds the jars if they are missing or older than the sources, starts one worker with an embedded Redis on a
# free port (never 6379, so a Redis you already run is left alone) in a temporary directory, runs the example
# jobs through the myrq command, shows job priorities and a recurring (cron) job's tick, prints what happened,
# stops the worker with SIGTERM and removes the directory.
# Exits 0 only if every job ended as expected and the worker exited 0 on SIGTERM; on failure it prints the
# worker's log.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
worker_jar=$repo/worker/target/myrq-worker.jar
cli_jar=$repo/cli/target/myrq.jar
example_jar=$repo/jobs-example/target/myrq-jobs-example.jar
# the spin job is a test job (it ignores interrupts); production jobs directories never hold this jar
tests_jar=$repo/jobs-example/target/myrq-jobs-example-tests.jar

readonly START_TIMEOUT_S=30   # worker JVM plus embedded Redis, on a slow machine
readonly JOB_TIMEOUT_S=90     # per job; the slowest expected job ends in about 6 s
readonly STOP_TIMEOUT_S=40    # above the worker's default 25 s grace
readonly TICK_TIMEOUT_S=75    # a cron entry ticks at the next whole minute

tmp=
worker_pid=
worker_name=quickstart-$$
failed=0

say() { printf '%s\n' "$@"; }
step() { printf '\n== %s\n' "$*"; }

# The worker's children (the embedded redis-server), so a hard kill leaves no orphan behind.
worker_children() {
  cat "/proc/$worker_pid/task/"*/children 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$worker_pid" ]] && kill -0 "$worker_pid" 2>/dev/null; then
    local children
    children=$(worker_children)
    kill -TERM "$worker_pid" 2>/dev/null || true
    for _ in $(seq 1 "$STOP_TIMEOUT_S"); do
      kill -0 "$worker_pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$worker_pid" 2>/dev/null; then
      # shellcheck disable=SC2086  # one pid per word
      kill -KILL "$worker_pid" $children 2>/dev/null || true
    fi
    wait "$worker_pid" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -n "$tmp" && -f "$tmp/worker.log" ]]; then
    say "" "-- worker log ($tmp/worker.log) --" >&2
    cat "$tmp/worker.log" >&2
    say "-- end of worker log --" >&2
  fi
  if [[ -n "$tmp" ]]; then
    rm -rf "$tmp"
  fi
  if [[ $rc -ne 0 ]]; then
    say "" "quickstart FAILED (exit $rc)" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The myrq command against this run's Redis only.
myrq() { "$repo/scripts/myrq" --redis "$redis_url" "$@"; }

jars_up_to_date() {
  local jar newer
  for jar in "$worker_jar" "$cli_jar" "$example_jar" "$tests_jar"; do
    [[ -f "$jar" ]] || return 1
    newer=$(find "$repo" -path "$repo/.git" -prune -o \( -path '*/src/*' -o -name pom.xml \) -type f \
      -newer "$jar" -print -quit)
    [[ -z "$newer" ]] || return 1
  done
}

build() {
  if jars_up_to_date; then
    step "Jars are up to date; not rebuilding"
    return
  fi
  step "Building (mvn -B -q -DskipTests package)"
  # Maven 3.8 prints colour resets even in batch mode; strip them so the output stays plain.
  (cd "$repo" && mvn -B -q -DskipTests package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  say "built cli/target/myrq.jar, worker/target/myrq-worker.jar, jobs-example/target/myrq-jobs-example.jar"
}

# True if nothing accepts connections on 127.0.0.1:$1.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free port below Linux's ephemeral range (32768+), so no outgoing connection takes it meanwhile.
pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    if port_is_free "$port"; then
      say "$port"
      return
    fi
  done
  say "quickstart: found no free port between 20000 and 32000" >&2
  return 1
}

start_worker() {
  local attempt
  for attempt in 1 2 3; do
    port=$(pick_port)
    redis_url=redis://127.0.0.1:$port
    step "Starting a worker with an embedded Redis at $redis_url"
    say "\$ myrq-worker --embedded-redis --redis $redis_url --jobs-dir \$TMP/jobs --data-dir \$TMP/data --name $worker_name --queue default --queue ticks"
    "$repo/scripts/myrq-worker" --embedded-redis --redis "$redis_url" --jobs-dir "$tmp/jobs" \
      --data-dir "$tmp/data" --name "$worker_name" --queue default --queue ticks >"$tmp/worker.log" 2>&1 &
    worker_pid=$!
    if wait_for_worker; then
      say "worker is up (pid $worker_pid, log in \$TMP/worker.log)"
      return
    fi
    if kill -0 "$worker_pid" 2>/dev/null; then
      say "quickstart: the worker did not answer within ${START_TIMEOUT_S}s" >&2
      return 1
    fi
    local rc=0
    wait "$worker_pid" || rc=$?
    worker_pid=
    if [[ $rc -ne 2 || $attempt -eq 3 ]]; then
      say "quickstart: the worker exited with code $rc while starting" >&2
      return 1
    fi
    # Exit 2 at start is most likely the port, taken between our check and the worker's bind: try another.
    say "worker exited with code 2: $(tail -n 1 "$tmp/worker.log")" "trying another port"
    mv "$tmp/worker.log" "$tmp/worker-attempt-$attempt.log"
  done
}

# Waits until the myrq command sees this worker registered in Redis. Asking for the worker by name, not just for an
# answer, makes sure it is our Redis that answers and not some server that took the port first.
wait_for_worker() {
  local workers deadline=$((SECONDS + START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    kill -0 "$worker_pid" 2>/dev/null || return 1
    workers=$(myrq workers --json 2>/dev/null) || workers=
    if [[ "$workers" == *"\"$worker_name\""* ]]; then
      return 0
    fi
    sleep 1
  done
  return 1
}

# Prints one top-level field of a compact JSON object (stdin) as raw JSON; nothing if absent.
json_field() {
  awk -v key="$1" '
    { s = s $0 "\n" }
    END {
      n = length(s); depth = 0; instr = 0; esc = 0; expectkey = 0; iskey = 0; lastkey = ""; vstart = 0
      for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (instr) {
          if (esc) esc = 0
          else if (c == "\\") esc = 1
          else if (c == "\"") {
            instr = 0
            if (iskey) { lastkey = substr(s, kstart + 1, i - kstart - 1); iskey = 0 }
          }
          continue
        }
        if (c == "\"") { instr = 1; if (depth == 1 && expectkey) { iskey = 1; kstart = i; expectkey = 0 }; continue }
        if (c == "{" || c == "[") { depth++; if (depth == 1) expectkey = 1; continue }
        if (depth == 1 && c == ":" && lastkey == key) { vstart = i + 1; continue }
        if (depth == 1 && (c == "," || c == "}")) {
          if (vstart) { v = substr(s, vstart, i - vstart); gsub(/^[ \t\n]+|[ \t\n]+$/, "", v); print v; exit }
          expectkey = 1
        }
        if (c == "}" || c == "]") depth--
      }
    }'
}

# Prints a JSON string value (stdin) as plain one-line text; any other JSON value as it is.
json_text() {
  awk '
    function hexval(h,   i, d, v) { v = 0; for (i = 1; i <= length(h); i++) { d = index("0123456789abcdef", tolower(substr(h, i, 1))) - 1; v = v * 16 + d }; return v }
    { s = s (NR > 1 ? "\n" : "") $0 }
    END {
      if (substr(s, 1, 1) != "\"") { print s; exit }
      s = substr(s, 2, length(s) - 2); out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c != "\\") { out = out c; continue }
        c = substr(s, ++i, 1)
        if (c == "n" || c == "t" || c == "r") out = out " "
        else if (c == "u") { v = hexval(substr(s, i + 1, 4)); i += 4; out = out (v >= 32 && v < 127 ? sprintf("%c", v) : "?") }
        else out = out c
      }
      print out
    }'
}

# The jobs: what to enqueue, and how each must end. A result is compared as JSON.
job_args=(
  "com.acme.Task.add 2 3"
  "com.acme.Task.run hello world"
  "com.acme.Task.sleep 5 --timeout 1"
  "com.acme.Task.fail oops --retries 0"
  "java.lang.System.exit 1"
  "com.acme.testjobs.Risky.spin 60 --timeout 1"
  "com.acme.Task.add 40 2"
)
job_expect_status=(finished finished timeout failed failed timeout finished)
job_expect_result=(5 '"HELLO WORLD"' '' '' '' '' 42)
job_note=(
  "returns 2 + 3"
  "upper-cases and joins its arguments"
  "sleeps 5 s, timeout 1 s: interrupted"
  "throws; no retries"
  "not a job class: refused, worker unharmed"
  "ignores interrupts: abandoned, worker goes on"
  "enqueued after the spin: the worker still runs jobs"
)
job_ids=()
job_status=()

enqueue() {
  local i=$1 id
  # shellcheck disable=SC2086  # the arguments are words on purpose
  id=$(myrq enqueue ${job_args[$i]})
  job_ids[i]=$id
  printf '$ myrq enqueue %-36s # %s\n  -> %s\n' "${job_args[$i]}" "${job_note[$i]}" "$id"
}

# Polls `myrq status` until the job is finished, failed or timeout.
await() {
  local i=$1 status deadline=$((SECONDS + JOB_TIMEOUT_S))
  while :; do
    status=$(myrq status "${job_ids[$i]}")
    case $status in
      finished* | failed* | timeout*) break ;;
    esac
    if ((SECONDS >= deadline)); then
      say "quickstart: job ${job_ids[$i]} (${job_args[$i]}) still '$status' after ${JOB_TIMEOUT_S}s" >&2
      break
    fi
    sleep 0.5
  done
  job_status[i]=$status
}

print_table() {
  local i json status outcome verdict func args
  printf '%-22s %-24s %-9s %-4s %s\n' FUNC ARGS STATUS OK "RESULT / ERROR"
  for i in "${!job_args[@]}"; do
    json=$(myrq inspect --json "${job_ids[$i]}")
    status=$(json_field status <<<"$json" | json_text)
    if [[ "$status" == finished ]]; then
      outcome=$(json_field result <<<"$json")
    else
      outcome=$(json_field error <<<"$json" | json_text)
    fi
    verdict=yes
    if [[ "$status" != "${job_expect_status[$i]}" ]]; then
      verdict=NO
    elif [[ -n "${job_expect_result[$i]}" && "$outcome" != "${job_expect_result[$i]}" ]]; then
      verdict=NO
    fi
    if [[ $verdict == NO ]]; then
      failed=1
      outcome="$outcome  (expected ${job_expect_status[$i]} ${job_expect_result[$i]})"
    fi
    if ((${#outcome} > 90)); then
      outcome="${outcome:0:87}..."
    fi
    func=${job_args[$i]%% *}
    args=${job_args[$i]#* }
    printf '%-22s %-24s %-9s %-4s %s\n' "${func#com.acme.}" "$args" "$status" "$verdict" "$outcome"
  done
}

# Cancels a job while it runs, then waits for it with `myrq wait`, which exits 7 for a canceled job.
cancel_running_job() {
  step "Canceling a running job (myrq cancel ID, then myrq wait ID)"
  local id status rc=0 deadline=$((SECONDS + JOB_TIMEOUT_S))
  id=$(myrq enqueue com.acme.Task.sleep 60)
  printf '$ myrq enqueue %-36s # %s\n  -> %s\n' "com.acme.Task.sleep 60" "would sleep a minute" "$id"
  until [[ $(myrq status "$id") == started ]]; do
    if ((SECONDS >= deadline)); then
      say "quickstart: job $id did not start within ${JOB_TIMEOUT_S}s" >&2
      failed=1
      return
    fi
    sleep 0.5
  done
  say "\$ myrq cancel $id      # the job is started: its worker interrupts it"
  myrq cancel "$id" > /dev/null
  say "\$ myrq wait --timeout 10s $id"
  myrq wait --timeout 10s "$id" || rc=$?
  status=$(myrq status "$id")
  say "exit code $rc (7: canceled); status: $status"
  if [[ $rc -ne 7 || "$status" != canceled ]]; then
    say "quickstart: expected the canceled job to end 'canceled' with wait's exit code 7" >&2
    failed=1
  fi
}

# A recurring entry: every worker looks at it each second; exactly one enqueues each minute's tick.
add_cron() {
  step "A recurring job: myrq cron add (ticks at each whole minute)"
  say "\$ myrq cron add quickstart-tick '* * * * *' com.acme.Task.add 20 22 --queue ticks"
  myrq cron add quickstart-tick '* * * * *' com.acme.Task.add 20 22 --queue ticks
}

# Waits for the entry's first tick to be enqueued and its job to finish in the ticks queue.
await_cron_tick() {
  step "The cron tick (myrq cron list, myrq queues)"
  local deadline=$((SECONDS + TICK_TIMEOUT_S)) finished=0
  while ((SECONDS < deadline)); do
    finished=$(myrq queues --json | tr '{' '\n' | grep '"name":"ticks"' | grep -o '"finished":[0-9]*' | cut -d: -f2) ||
      finished=0
    [[ "${finished:-0}" -ge 1 ]] && break
    sleep 2
  done
  myrq cron list
  if [[ "${finished:-0}" -ge 1 ]]; then
    say "the tick's job (com.acme.Task.add 20 22) finished in queue ticks; myrq cron remove quickstart-tick"
    myrq cron remove quickstart-tick
  else
    say "quickstart: no tick of quickstart-tick finished within ${TICK_TIMEOUT_S}s" >&2
    failed=1
  fi
}

# Prints the job's final status once it is finished, failed or timeout (polls myrq status).
wait_status() {
  local status deadline=$((SECONDS + JOB_TIMEOUT_S))
  while :; do
    status=$(myrq status "$1")
    case $status in
      finished* | failed* | timeout*) break ;;
    esac
    ((SECONDS < deadline)) || break
    sleep 0.5
  done
  say "$status"
}

# Enqueues, in one command, ten sleeps (priority 0) and then three jobs with priorities -5, 0 and 5. The worker's 8
# slots take the priority 5 job first, ahead of the sleeps enqueued before it; the sleeps end a second apart,
# and the priority 0 job starts after the sleeps (FIFO within priority 0), the priority -5 job last. Each of the three
# returns its start time in microseconds (com.acme.Task.nowMicros). Jobs leased by one fetch start on their threads
# within microseconds of each other, so -5 may not start more than 50 ms before 0.
show_priorities() {
  step "Priorities: ten sleeps, then three jobs with --priority -5, 0, 5, in one enqueue"
  local d lines=() ids=() started=() status i
  for d in 5 6 7 8 9 10 11 12 12 12; do lines+=("{\"func\":\"com.acme.Task.sleep\",\"args\":[$d]}"); done
  for d in -5 0 5; do lines+=("{\"func\":\"com.acme.Task.nowMicros\",\"priority\":$d}"); done
  say '$ myrq enqueue --from -    # 10 x {"func":"com.acme.Task.sleep","args":[5 to 12]}, then'
  say '                           # {"func":"com.acme.Task.nowMicros","priority":-5}, then 0, then 5'
  mapfile -t ids < <(printf '%s\n' "${lines[@]}" | myrq enqueue --from - | tail -n 3)
  for i in 0 1 2; do
    status=$(wait_status "${ids[i]}")
    started[i]=$(myrq inspect --json "${ids[i]}" | json_field result)
    say "priority $(printf '%-2s' $((i * 5 - 5)))  ${ids[i]}  $status, started at ${started[i]} us"
  done
  if [[ "${started[0]}" =~ ^[0-9]+$ && "${started[1]}" =~ ^[0-9]+$ && "${started[2]}" =~ ^[0-9]+$ ]] &&
    ((started[2] < started[1] && started[2] < started[0] && started[1] <= started[0] + 50000)); then
    say "started in priority order: 5 (ahead of the sleeps), then 0 (after them), then -5"
  else
    say "quickstart: the three jobs did not start in priority order" >&2
    failed=1
  fi
}

stop_worker() {
  step "Stopping the worker with SIGTERM"
  local rc=0 started=$SECONDS
  kill -TERM "$worker_pid"
  wait "$worker_pid" || rc=$?
  worker_pid=
  say "worker exited with code $rc after $((SECONDS - started))s (running jobs get --grace, 25 s, to finish)"
  if [[ $rc -ne 0 ]]; then
    say "quickstart: expected exit code 0 on SIGTERM" >&2
    failed=1
  fi
}

main() {
  build
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/myrq-quickstart.XXXXXX")
  mkdir -p "$tmp/jobs" "$tmp/data"
  cp "$example_jar" "$tests_jar" "$tmp/jobs/"
  say "temporary directory \$TMP=$tmp (removed at the end): jobs/ holds myrq-jobs-example.jar and the test jobs jar"

  start_worker
  add_cron

  step "Enqueueing jobs with the myrq command"
  local i last=$((${#job_args[@]} - 1))
  for ((i = 0; i < last; i++)); do
    enqueue "$i"
  done

  step "Waiting for each job to end (myrq status ID)"
  for ((i = 0; i < last; i++)); do
    await "$i"
    say "${job_ids[$i]}  ${job_status[$i]}"
  done
  enqueue "$last"
  await "$last"
  say "${job_ids[$last]}  ${job_status[$last]}"

  step "Outcome"
  print_table

  cancel_running_job

  show_priorities

  step "myrq inspect --json ${job_ids[0]}   (the add job)"
  myrq inspect --json "${job_ids[0]}"

  step "myrq queues"
  myrq queues

  step "myrq workers"
  myrq workers

  await_cron_tick

  stop_worker

  if [[ $failed -ne 0 ]]; then
    say "" "quickstart: some jobs did not end as expected (rows marked NO, or the cancel, priority or cron lines, above)" >&2
    return 1
  fi
  say "" "quickstart OK in ${SECONDS}s: every job ended as expected, priorities and the cron tick worked, and the worker stopped cleanly."
}

main "$@"
