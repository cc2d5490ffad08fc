#!/usr/bin/env bash
# install.sh: puts `myrq` and `myrq-worker` on the PATH, with bash completion, from this checkout.
#
#   scripts/install.sh            for you: ~/.local/share/myrq, commands linked in ~/.local/bin
#   sudo scripts/install.sh       for the system: /opt/myrq, commands linked in /usr/local/bin
#   scripts/install.sh --user | --system | --uninstall
#
# Layout under the install directory D: D/bin/myrq and D/bin/myrq-worker (the launchers), D/lib/*.jar, and
# D/jobs/ (put your job jars there; the worker looks in D/jobs by default). --user puts the example job jar in
# it, to try myrq; --system (production) installs no example jobs. Bash
# completion goes to ~/.local/share/bash-completion/completions (user) or /etc/bash_completion.d (system).
# Builds the jars first (mvn -B -q -DskipTests package) when they are missing. Running it again upgrades in
# place; job jars already in D/jobs are kept.
# Environment: MYRQ_HOME overrides D, MYRQ_BIN_DIR the directory of the links, MYRQ_COMPLETION_DIR that of the
# completion scripts (for tests and packagers).
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
mode=
uninstall=false
for arg in "$@"; do
  case "$arg" in
    --user) mode=user ;;
    --system) mode=system ;;
    --uninstall) uninstall=true ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg'; use --user, --system or --uninstall" >&2; exit 2 ;;
  esac
done
if [[ -z "$mode" ]]; then
  mode=$([[ $(id -u) -eq 0 ]] && echo system || echo user)
fi

if [[ "$mode" == system ]]; then
  home=${MYRQ_HOME:-/opt/myrq}
  bin_dir=${MYRQ_BIN_DIR:-/usr/local/bin}
  completion_dir=${MYRQ_COMPLETION_DIR:-/etc/bash_completion.d}
else
  data=${XDG_DATA_HOME:-$HOME/.local/share}
  home=${MYRQ_HOME:-$data/myrq}
  bin_dir=${MYRQ_BIN_DIR:-$HOME/.local/bin}
  completion_dir=${MYRQ_COMPLETION_DIR:-$data/bash-completion/completions}
fi

if $uninstall; then
  rm -f "$bin_dir/myrq" "$bin_dir/myrq-worker" "$completion_dir/myrq" "$completion_dir/myrq-worker"
  rm -rf "$home/bin" "$home/lib"
  echo "removed myrq from $home (job jars in $home/jobs are left) and its links in $bin_dir"
  exit 0
fi

cli_jar=$repo/cli/target/myrq.jar
worker_jar=$repo/worker/target/myrq-worker.jar
example_jar=$repo/jobs-example/target/myrq-jobs-example.jar
if [[ ! -f "$cli_jar" || ! -f "$worker_jar" || ! -f "$example_jar" ]]; then
  echo "== building the jars (mvn -B -q -DskipTests package)"
  (cd "$repo" && mvn -B -q -DskipTests package)
fi

java=${JAVA:-java}
if ! command -v "$java" > /dev/null; then
  echo "install.sh: '$java' not found; install Java 17 or later (or set JAVA)" >&2
  exit 1
fi

install -d "$home/bin" "$home/lib" "$home/jobs" "$bin_dir" "$completion_dir"
install -m 755 "$repo/scripts/myrq" "$repo/scripts/myrq-worker" "$home/bin/"
install -m 644 "$cli_jar" "$worker_jar" "$home/lib/"
if [[ $mode == user && ! -e "$home/jobs/myrq-jobs-example.jar" ]]; then
  install -m 644 "$example_jar" "$home/jobs/"
fi
ln -sfn "$home/bin/myrq" "$bin_dir/myrq"
ln -sfn "$home/bin/myrq-worker" "$bin_dir/myrq-worker"

# picocli writes the completion script from the commands' own definitions, so it always matches this version.
"$java" -cp "$home/lib/myrq.jar" dev.myrq.cli.BashCompletion "$completion_dir/myrq"
"$java" -cp "$home/lib/myrq-worker.jar" picocli.AutoComplete --force -n myrq-worker \
  -o "$completion_dir/myrq-worker" dev.myrq.worker.WorkerMain

echo "installed myrq ($mode) in $home"
echo "  commands:   $bin_dir/myrq, $bin_dir/myrq-worker"
echo "  job jars:   $home/jobs (the worker's default jobs directory; the example jobs are there)"
echo "  completion: $completion_dir/myrq (bash; zsh: autoload bashcompinit && bashcompinit && source it)"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "note: $bin_dir is not on your PATH; add it, e.g. echo 'export PATH=\"$bin_dir:\$PATH\"' >> ~/.bashrc" ;;
esac
echo "try: myrq enqueue com.acme.Task.run hello   (with a Redis at \${MYRQ_REDIS_URL:-redis://127.0.0.1:6379})"
