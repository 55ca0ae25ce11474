#!/usr/bin/env bash
# A private single-node Slurm for the Slurm tests (tests/e2e_slurm_test.cc).
#
#   cluster.sh start HANDLE   start munged, slurmctld and slurmd; write HANDLE/env
#   cluster.sh stop HANDLE    stop them and remove their files
#
# Nothing outside its own directory is touched: its own munge key and
# socket, slurm.conf (found through SLURM_CONF), state, spool, logs and
# free ports, so it runs beside a system munge or Slurm and beside another
# copy of itself. The node is this host with 4 CPUs (more than a small CI
# machine has; slurmd is told to believe the config), so that Slurm, not
# the machine, bounds what runs at once.
#
# HANDLE/env gets SLURM_CONF=... when the cluster works. When it cannot
# run, HANDLE/skip gets the reason and the exit status is 77 (ctest's
# SKIP_RETURN_CODE; the tests then skip with that reason). With
# WFGEN_REQUIRE_SLURM=1 (./dev test as root sets it) a cluster that fails
# to start is an error instead. WFGEN_TEST_SLURM_CONF=/etc/slurm/slurm.conf
# runs the tests against an existing cluster instead of starting one.
set -uo pipefail

cmd=${1:-}
handle=${2:-}
[ -n "$cmd" ] && [ -n "$handle" ] || { echo "usage: $0 start|stop HANDLE" >&2; exit 2; }
handle=$(mkdir -p "$handle" && cd "$handle" && pwd)

log() { printf '[slurm-test] %s\n' "$*" >&2; }

skip() {
  echo "$*" > "$handle/skip"
  log "skipping the Slurm tests: $*"
  exit 77
}

# Cannot start: a skip, or an error when a cluster is required.
cannot() {
  local reason=$1
  local dir=${2:-}
  if [ -n "$dir" ]; then
    for f in "$dir"/log/*.log "$dir"/munged.log; do
      [ -f "$f" ] && { log "---- $f"; tail -n 20 "$f" >&2; }
    done
  fi
  if [ "${WFGEN_REQUIRE_SLURM:-0}" = 1 ]; then
    echo "$reason" > "$handle/skip"
    log "error: $reason (WFGEN_REQUIRE_SLURM=1)"
    stop_cluster
    exit 1
  fi
  stop_cluster
  skip "$reason"
}

kill_pidfile() {
  local f=$1 pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$f"
}

stop_cluster() {
  [ -f "$handle/dir" ] || { rm -f "$handle/env"; return 0; }
  local dir
  dir=$(cat "$handle/dir")
  # Jobs a test left behind (of this private controller only), then
  # slurmd: it ends the job steps (slurmstepd) it started.
  if [ -f "$dir/slurmctld.pid" ] && [ -f "$dir/slurm.conf" ]; then
    SLURM_CONF="$dir/slurm.conf" timeout 30 scancel --user="$(id -u)" 2>/dev/null
  fi
  # slurmd first: it ends the job steps (slurmstepd) it started.
  kill_pidfile "$dir/slurmd.pid"
  kill_pidfile "$dir/slurmctld.pid"
  kill_pidfile "$dir/munged.pid"
  case "$dir" in /tmp/wfgen-slurm.*) rm -rf "$dir" ;; esac
  rm -f "$handle/dir" "$handle/env"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_cluster() {
  rm -f "$handle/skip" "$handle/env"
  [ "${WFGEN_SLURM_TESTS:-1}" = 0 ] && skip "WFGEN_SLURM_TESTS=0"
  if [ -n "${WFGEN_TEST_SLURM_CONF:-}" ]; then
    echo "SLURM_CONF=$WFGEN_TEST_SLURM_CONF" > "$handle/env"
    log "using the existing cluster of $WFGEN_TEST_SLURM_CONF"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || skip "not root: starting slurmctld and slurmd needs root (CI runs as root; or set WFGEN_TEST_SLURM_CONF to use a cluster you have)"
  local missing=() c
  for c in munged slurmctld slurmd srun squeue scancel sinfo python3; do
    command -v "$c" >/dev/null || missing+=("$c")
  done
  [ "${#missing[@]}" -eq 0 ] || cannot "not installed: ${missing[*]} (./dev test installs slurmctld slurmd slurm-client munge)"

  stop_cluster  # leftovers of an interrupted run
  local dir node ctld_port d_port
  dir=$(mktemp -d /tmp/wfgen-slurm.XXXXXX)  # short: the munge socket path is limited
  echo "$dir" > "$handle/dir"
  chmod 755 "$dir"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  node=$(hostname -s 2>/dev/null || hostname)
  ctld_port=$(free_port)
  d_port=$(free_port)
  [ "$ctld_port" != "$d_port" ] || d_port=$(free_port)

  head -c 1024 /dev/urandom > "$dir/munge.key"
  chmod 400 "$dir/munge.key"
  munged --force --socket="$dir/munge.socket" --key-file="$dir/munge.key" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" ||
    cannot "munged did not start" "$dir"

  cat > "$dir/slurm.conf" <<EOF
# Written by tests/slurm/cluster.sh for wfgen's Slurm tests.
ClusterName=wfgentest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups: the tests also run in containers and sandboxes. proctrack/pgid
# ends what a task leaves behind in its process group (linuxproc loses
# orphans: they are reparented away from slurmstepd).
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
# Short waits, so a stopped job leaves the queue soon.
KillWait=2
MinJobAge=300
InactiveLimit=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=4 RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -i -f "$SLURM_CONF" || cannot "slurmctld did not start" "$dir"
  slurmd -f "$SLURM_CONF" -N "$node" || cannot "slurmd did not start" "$dir"

  local i state=""
  for i in $(seq 1 600); do
    state=$(sinfo --noheader --format=%T 2>/dev/null | head -n 1)
    [ "$state" = idle ] && break
    sleep 0.1
  done
  [ "$state" = idle ] || cannot "the node did not become idle (state: '${state:-none}')" "$dir"
  local out
  out=$(timeout 60 srun --job-name=wfgen-selftest true 2>&1) || cannot "srun true failed: $out" "$dir"
  echo "SLURM_CONF=$SLURM_CONF" > "$handle/env"
  log "single-node Slurm up: node $node, ports $ctld_port/$d_port, files in $dir"
}

case "$cmd" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) echo "usage: $0 start|stop HANDLE" >&2; exit 2 ;;
esac
