#!/bin/bash
# down.sh - stop what up.sh started, using only its PID files in
# $FERROCLOUD_REALCLOUD_DIR/run (default: $HOME/.cache/ferrocloud/realcloud/run).
# Normally run through `cargo xtask realcloud down`.
#
# Each process was started in its own session, so its PID is also its process
# group id: signal the group (catches gunicorn workers, cinder/nova children,
# rabbitmq's beam.smp), newest first, then SIGKILL the group of any process
# still alive after 10 s. Never kills by name. A PID whose recorded start time
# (NAME.pid.start) no longer matches belongs to somebody else now (PID reuse,
# e.g. after a reboot) and is left alone. Data, logs and the venv stay; up.sh
# wipes data/ and logs/ at its next start.
R=${FERROCLOUD_REALCLOUD_DIR:-$HOME/.cache/ferrocloud/realcloud}
P=$R/run
[ -d "$P" ] || { echo "realcloud down: nothing to stop ($P does not exist)"; exit 0; }
# FERROCLOUD_REALCLOUD_OWNER=TOKEN (set by xtask's watchdog): stop the
# services only if up.sh recorded the same token in run/owner, that is, only
# a cloud that this xtask run started.

# take $R/.lock exclusively: wait for a running up.sh (it holds the lock, so
# it cannot start more processes afterwards) and for every `cargo xtask test`
# that uses this cloud (each holds the lock shared while its tests run)
exec 9>"$R/.lock"
if ! flock -n 9; then
  echo "realcloud down: waiting for a running 'realcloud up' or 'cargo xtask test' using $R to finish (lock: $R/.lock)"
  flock 9
fi
if [ -n "${FERROCLOUD_REALCLOUD_OWNER:-}" ] &&
   [ "$(cat "$P/owner" 2>/dev/null)" != "$FERROCLOUD_REALCLOUD_OWNER" ]; then
  echo "realcloud down: the services in $R were not started by this run; leaving them alone"
  exit 0
fi
names=$(tac "$P/order" 2>/dev/null || ls "$P" | sed -n 's/\.pid$//p')

# starttime PID : field 22 of /proc/PID/stat, counted after the ") " that ends
# the command name, which may contain spaces ("gunicorn: master [keystone]")
starttime() {
  local s f
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  read -ra f <<< "${s##*) }"
  echo "${f[19]}"
}
# ours NAME PID : is PID (or, with its leader gone, its process group) still
# the process up.sh started?
ours() {
  local want have
  if [ -e "/proc/$2" ]; then
    want=$(cat "$P/$1.pid.start" 2>/dev/null) || return 0   # no start time recorded: trust the PID file
    have=$(starttime "$2") || return 1
    [ "$have" = "$want" ]
  else
    # leader gone, group members left: a process group id cannot be reused
    # while the group exists, so the group is still ours
    kill -0 -- "-$2" 2>/dev/null
  fi
}
pid_in() { local pid; pid=$(cat "$P/$1.pid" 2>/dev/null) || return 1
           case $pid in ''|*[!0-9]*) return 1;; esac; echo "$pid"; }
alive() { kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; }

stopped=()
for n in $names; do
  pid=$(pid_in "$n") || continue
  if ours "$n" "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    stopped+=("$n")
  elif [ -e "/proc/$pid" ]; then
    echo "realcloud down: left alone: $n (pid $pid is another process now: its start time differs)"
  fi
done
for n in "${stopped[@]}"; do
  pid=$(pid_in "$n") || continue
  for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid" && ours "$n" "$pid"; then
    echo "realcloud down: $n ($pid) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && echo "realcloud down: WARNING: $n ($pid) is still there 5 s after SIGKILL"
  fi
done
for n in $names; do rm -f "$P/$n.pid" "$P/$n.pid.start"; done
rm -f "$P/order" "$P/ready" "$P/services" "$P/owner"
if [ ${#stopped[@]} -gt 0 ]; then
  echo "realcloud down: stopped ${stopped[*]} (logs and data stay in $R)"
else
  echo "realcloud down: nothing was running"
fi
