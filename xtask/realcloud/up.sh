#!/bin/bash
# up.sh - install and start a loopback-only OpenStack (keystone, swift, glance,
# neutron, cinder, placement+nova) from PyPI, with SQLite, for Ferrocloud's
# integration tests. Everything listens on 127.0.0.1 only.
#
# Normally run through `cargo xtask realcloud up` (or `cargo xtask test`),
# which also stops the processes again if this script fails or is interrupted.
# Adapted from a proven recipe; README.md next to this file lists the
# pitfalls that every step and setting below works around.
#
#   up.sh [SERVICE...]     services: keystone swift glance neutron cinder nova
#                          (default: all; keystone always runs; nova includes
#                          placement). Commas work as separators too.
#   down.sh                stop everything this script started
#
# All state lives in one folder, FERROCLOUD_REALCLOUD_DIR
# (default: $HOME/.cache/ferrocloud/realcloud):
#   venv/   the Python virtualenv; kept between runs and rebuilt only when
#           constraints.txt, the package list, realcloud_ml2 or the Python
#           version change (hash in venv/.realcloud-installed)
#   etc/    configs rendered from this folder's etc/ (@ROOT@ -> the state dir)
#   data/   SQLite databases, swift devices, glance images, rabbitmq mnesia
#   logs/   service logs (*.log) and stdout/stderr (*.out)
#   run/    NAME.pid + NAME.pid.start (process start time, guards against PID
#           reuse), order, services, owner, ready; down.sh uses nothing else
#   clouds.yaml, openrc-admin, openrc-demo   credentials for clients
#
# Knobs (environment):
#   FERROCLOUD_REALCLOUD_KEEP_DATA=1         keep data/ and logs/ of the last run
#   FERROCLOUD_REALCLOUD_GUNICORN_THREADS=N  threads per API process (default 1;
#                                            more brings back SQLite "database is locked")
#   FERROCLOUD_REALCLOUD_PYTHON=python3.11   interpreter for the venv (default python3)
#   REALCLOUD_SQLITE_IMMEDIATE=0             without the BEGIN IMMEDIATE fix (lib/realcloud_sqlite.py)
#   FERROCLOUD_REALCLOUD_OWNER=TOKEN         recorded in run/owner (set by xtask; see down.sh)
#
# Exit codes: 0 all up; 3 refused to start (nothing was started: already
# running, port in use, locked, missing tools); 1 failed after starting
# something (stop it with down.sh).
#
# Ports: keystone 5000, swift 8080 (+6200-6202), glance 9292, neutron 9696,
# cinder 8776, placement 8778, nova 8774, memcached 11211, rabbitmq 5672
# (epmd 4369, dist 25672).
# Credentials: admin/secret (project admin), demo/secret (project demo),
# service users nova/neutron/glance/cinder/swift/placement with password secret,
# swift tempauth test:tester / testing.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # this folder (read only)
R=${FERROCLOUD_REALCLOUD_DIR:-$HOME/.cache/ferrocloud/realcloud}
case $R in
  *[[:space:]'#%?&|\']*)
    echo "realcloud up: FERROCLOUD_REALCLOUD_DIR must not contain whitespace or any of # % ? & | \\ : '$R'" >&2
    exit 1;;
esac
mkdir -p "$R"; R=$(cd "$R" && pwd)
export FERROCLOUD_REALCLOUD_DIR=$R
V=$R/venv
E=$R/etc
D=$R/data
L=$R/logs
P=$R/run
ALL_SERVICES="keystone swift glance neutron cinder nova"
SERVICES=$(echo "${*:-$ALL_SERVICES}" | tr ',' ' ')
PY=${FERROCLOUD_REALCLOUD_PYTHON:-python3}
THREADS=${FERROCLOUD_REALCLOUD_GUNICORN_THREADS:-1}
RUSER=$(id -un)
RGROUP=$(id -gn)
T0=$(date +%s)

has() { [[ " $SERVICES " == *" $1 "* ]]; }
log() { printf '[realcloud up %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
# die MESSAGE [LOGFILE...] : print MESSAGE and the tail of each LOGFILE, exit 1
die() {
  local msg=$1 f; shift
  log "ERROR: $msg"
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "----- last 40 lines of $f"
    tail -n 40 "$f"
    echo "-----"
  done
  [ -s "$P/order" ] && log "some processes were started; cargo xtask stops them again (by hand: cargo xtask realcloud down)"
  exit 1
}
# pfail MESSAGE : a preflight failure; exit code 3 means nothing was started
pfail() { echo "realcloud up: $*" >&2; exit 3; }

for s in $SERVICES; do
  case $s in keystone|swift|glance|neutron|cinder|nova) ;;
    *) pfail "unknown service '$s' (known: $ALL_SERVICES)";; esac
done
has keystone || SERVICES="keystone $SERVICES"
# canonical order, no duplicates
s2=""; for s in $ALL_SERVICES; do has "$s" && s2="$s2 $s"; done; SERVICES=${s2# }

# starttime PID : field 22 of /proc/PID/stat (clock ticks after boot). Counted
# after the ") " that ends the command name, which may contain spaces
# (gunicorn renames itself "gunicorn: master [...]").
starttime() {
  local s f
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  read -ra f <<< "${s##*) }"
  echo "${f[19]}"
}

# ---------------------------------------------------------------- preflight
# one up.sh/down.sh at a time per state dir: two concurrent starts both pass
# the port check and then wipe each other's PID files. fd 9 is closed for
# every service started below, so the lock ends with this script.
command -v flock >/dev/null || pfail "flock is missing (package util-linux)"
exec 9>"$R/.lock"
flock -n 9 || pfail "another 'realcloud up' or 'down' is running on $R (lock: $R/.lock); wait for it"
# refuse to start twice (a PID file of ours that still points at a live process)
for f in "$P"/*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f" 2>/dev/null || true)
  case $pid in ''|*[!0-9]*) continue;; esac
  st=$(cat "$f.start" 2>/dev/null || true)
  if [ -e "/proc/$pid" ] && { [ -z "$st" ] || [ "$(starttime "$pid")" = "$st" ]; }; then
    pfail "already running ($f, pid $pid); run 'cargo xtask realcloud down' first"
  fi
done
# every port must be free: otherwise wait_http would happily talk to someone
# else's keystone (another realcloud, a system memcached or rabbitmq, ...)
ports="5000"
has swift && ports="$ports 8080 6200 6201 6202 11211"
has glance && ports="$ports 9292"
has neutron && ports="$ports 9696"
has cinder && ports="$ports 8776"
has nova && ports="$ports 8774 8778"
if has cinder || has nova; then ports="$ports 5672 4369 25672"; fi
for port in $ports; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    who=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n 1 || true)
    pfail "127.0.0.1:$port is already in use by another process ${who:-(see: ss -ltnp)}; stop it first.
  (A system memcached/rabbitmq-server service, another realcloud with a different
  FERROCLOUD_REALCLOUD_DIR, or a leftover of a crashed run causes this.)"
  fi
done

missing=()
for tool in setsid sha256sum cut tail; do
  command -v "$tool" >/dev/null || missing+=("$tool (package coreutils / util-linux)")
done
[ ${#missing[@]} = 0 ] || pfail "missing tools: ${missing[*]}"
command -v "$PY" >/dev/null ||
  pfail "no Python interpreter '$PY' (install python3 >= 3.10, e.g. 'apt-get install python3 python3-venv', or set FERROCLOUD_REALCLOUD_PYTHON)"

# ---------------------------------------------------------------- apt packages
need_apt=()
command -v curl >/dev/null || need_apt+=(curl)
if has swift; then command -v memcached >/dev/null || need_apt+=(memcached); fi
if has cinder || has nova; then
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_apt+=(rabbitmq-server)
fi
if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  case $(command -v "$PY") in
    /usr/bin/*) need_apt+=(python3-venv);;
    *) pfail "'$PY' ($(command -v "$PY")) has no working venv/ensurepip module; use an interpreter that has one (FERROCLOUD_REALCLOUD_PYTHON=...)";;
  esac
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo -n"
    else pfail "missing packages: ${need_apt[*]}; install them as root: apt-get update && apt-get install ${need_apt[*]}"; fi
  fi
  command -v apt-get >/dev/null ||
    pfail "missing: ${need_apt[*]} and there is no apt-get; install them with your package manager (rabbitmq-server must provide /usr/lib/rabbitmq/bin/rabbitmq-server)"
  log "apt-get update + install ${need_apt[*]} (output: $R/apt.out)"
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then   # don't let dpkg start system daemons on our ports
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  rc=0
  # a fresh machine has no package lists yet, so always update first; a
  # failing update (one unreachable mirror) is reported but install is tried
  $SUDO apt-get update -q > "$R/apt.out" 2>&1 || log "warning: apt-get update failed (see $R/apt.out); trying the install anyway"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${need_apt[@]}" >> "$R/apt.out" 2>&1 || rc=$?
  if [ $made_policy = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
  [ $rc = 0 ] || die "apt-get install ${need_apt[*]} failed (exit $rc)" "$R/apt.out"
fi

# ---------------------------------------------------------------- python venv
# Reused while the inputs are unchanged: constraints.txt, the package list,
# the realcloud_ml2 driver and the interpreter version.
PKGS="keystone swift glance neutron cinder nova openstack-placement gunicorn python-openstackclient python-swiftclient openstacksdk"
want=$( { cat "$SRC/constraints.txt"; echo "$PKGS"
          cat "$SRC/lib/realcloud_ml2/pyproject.toml" "$SRC/lib/realcloud_ml2/realcloud_ml2.py"
          "$PY" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)
have=$(cat "$V/.realcloud-installed" 2>/dev/null || true)
if [ "$want" != "$have" ] || [ ! -x "$V/bin/gunicorn" ] || ! "$V/bin/python" -c '' 2>/dev/null; then
  log "creating venv + pip install from PyPI, about 1-2 min (constraints: $SRC/constraints.txt; output: $R/pip.out)"
  export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
  rm -rf "$V"
  { "$PY" -m venv "$V" &&
    "$V/bin/pip" install -q -U pip setuptools wheel &&
    # shellcheck disable=SC2086
    "$V/bin/pip" install -q -c "$SRC/constraints.txt" $PKGS
  } > "$R/pip.out" 2>&1 || die "creating the venv / pip install failed (PyPI reachable? see $R/pip.out)" "$R/pip.out"
  # build from a copy: pip/setuptools write build/ and *.egg-info next to the sources
  tmp=$(mktemp -d); cp -r "$SRC/lib/realcloud_ml2" "$tmp/"
  "$V/bin/pip" install -q "$tmp/realcloud_ml2" >> "$R/pip.out" 2>&1 ||
    { rm -rf "$tmp"; die "pip install realcloud_ml2 failed" "$R/pip.out"; }
  rm -rf "$tmp"
  "$V/bin/pip" freeze --all > "$V/.realcloud-freeze.txt"
  echo "$want" > "$V/.realcloud-installed"   # only after every install succeeded
  log "venv ready ($(du -sh "$V" | cut -f1))"
else
  log "reusing venv $V (inputs unchanged)"
fi
# SQLite: oslo.db transactions start with BEGIN IMMEDIATE (see lib/realcloud_sqlite.py);
# refreshed on every run, REALCLOUD_SQLITE_IMMEDIATE=0 turns it off
SITE=$("$V/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cp "$SRC/lib/realcloud_sqlite.py" "$SITE/realcloud_sqlite.py"
echo 'import realcloud_sqlite; realcloud_sqlite.install()' > "$SITE/realcloud_sqlite.pth"

# ---------------------------------------------------------------- configs + fresh state
if [ "${FERROCLOUD_REALCLOUD_KEEP_DATA:-0}" != 1 ]; then rm -rf "$D" "$L"; fi
rm -rf "$P" "$E"
mkdir -p "$D" "$L" "$P" "$E"
echo "$SERVICES" | tr ' ' ',' > "$P/services"
# who started this cloud: xtask passes a token, and its watchdog's down.sh
# stops only a cloud with the same token (never one that somebody else
# started in the meantime)
echo "${FERROCLOUD_REALCLOUD_OWNER:-}" > "$P/owner"
# render etc/: every file is a template; @ROOT@ -> state dir, @USER@ -> current user
render() { sed -e "s|@ROOT@|$R|g" -e "s|@USER@|$RUSER|g" "$1" > "$2"; }
( cd "$SRC/etc" && find . -type f ! -name '*.pyc' ) | while read -r f; do
  mkdir -p "$E/$(dirname "$f")"; render "$SRC/etc/$f" "$E/$f"
done
# clouds.yaml: realcloud-admin, realcloud-demo, and realcloud-tempauth when swift runs
if has swift; then
  render "$SRC/clouds.yaml" /dev/stdout | sed -e '/^#@swift-begin/d' -e '/^#@swift-end/d' > "$R/clouds.yaml"
else
  render "$SRC/clouds.yaml" /dev/stdout | sed -e '/^#@swift-begin/,/^#@swift-end/d' > "$R/clouds.yaml"
fi
write_openrc() {  # NAME USER PROJECT
  cat > "$R/openrc-$1" <<EOF
# source me: keystone v3 password auth as $2 in project $3 (written by cargo xtask realcloud up)
unset OS_CLOUD
export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_USERNAME=$2
export OS_PASSWORD=secret
export OS_PROJECT_NAME=$3
export OS_USER_DOMAIN_ID=default
export OS_PROJECT_DOMAIN_ID=default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
export OS_IDENTITY_API_VERSION=3
EOF
}
write_openrc admin admin admin
write_openrc demo demo demo

# start NAME CMD... : run in its own session (so PID = process group id),
# record PID and the process start time (see starttime; down.sh signals
# nothing whose start time differs, i.e. a reused PID). The start time is
# taken before exec, and exec keeps PID and start time.
start() {
  local name=$1; shift
  echo "$name" >> "$P/order"
  # shellcheck disable=SC2016
  setsid bash -c 's=$(</proc/$$/stat); read -ra f <<< "${s##*) }"; echo "${f[19]}" > "$0.start"
                  echo $$ > "$0"; exec "$@"' "$P/$name.pid" "$@" \
      > "$L/$name.out" 2>&1 < /dev/null 9>&- &
  for _ in $(seq 100); do [ -s "$P/$name.pid" ] && return 0; sleep 0.05; done
  die "could not start $name" "$L/$name.out"
}
pid_of() { cat "$P/$1.pid"; }
running() { kill -0 "$(pid_of "$1")" 2>/dev/null; }
# wait_http NAME URL [SECONDS] : until URL answers with 2xx/3xx
wait_http() {
  local name=$1 url=$2 t=${3:-120} c
  for _ in $(seq $((t * 5))); do
    c=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$url" || true)
    case $c in 2*|3*) return 0;; esac
    running "$name" || die "$name died" "$L/$name.out" "$L/$name.log"
    sleep 0.2
  done
  die "$name did not answer on $url within ${t}s" "$L/$name.out" "$L/$name.log"
}
# quiet CMD... : run CMD, drop eventlet deprecation noise, keep CMD's exit status
quiet() {
  local tmp rc=0; tmp=$(mktemp)
  "$@" > "$tmp" 2>&1 || rc=$?
  grep -v -i -E 'eventlet|^\s*$|framework|migration.html' "$tmp" || true
  rm -f "$tmp"; return $rc
}
# One worker process, one thread by default: SQLite raises "database is locked"
# when two requests in one process write concurrently (seen with keystone's
# password auth, which writes users.last_active_at).
gunicorn_start() {   # NAME PORT MODULE
  start "$1" "$V/bin/gunicorn" --no-control-socket --graceful-timeout 5 \
      --chdir "$E/wsgi" --bind 127.0.0.1:"$2" --workers 1 --threads "$THREADS" \
      --timeout 300 --name "$1" "$3"
}
token() {
  curl -s -m 20 -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"secret"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}' \
    http://127.0.0.1:5000/v3/auth/tokens | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}

log "starting: $SERVICES (state: $R)"
# ---------------------------------------------------------------- infra
if has swift; then   # swift's cache middleware + tempauth need memcached
  start memcached memcached -u "$RUSER" -l 127.0.0.1 -p 11211 -U 0 -m 64
fi
if has cinder || has nova; then
  log "starting rabbitmq"
  # shellcheck disable=SC1091
  ( . "$E/rabbitmq/env.sh"
    mkdir -p "$HOME" "$RABBITMQ_LOG_BASE"; echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    start epmd epmd -address 127.0.0.1 -port 4369
    sleep 0.3
    start rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server )
fi

# ---------------------------------------------------------------- keystone
KS="$V/bin/keystone-manage --config-file $E/keystone/keystone.conf"
mkdir -p "$D/keystone"
log "keystone: db_sync + fernet + bootstrap"
{ quiet $KS db_sync &&
  quiet $KS fernet_setup --keystone-user "$RUSER" --keystone-group "$RGROUP" &&
  quiet $KS credential_setup --keystone-user "$RUSER" --keystone-group "$RGROUP" &&
  quiet $KS bootstrap --bootstrap-password secret --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url http://127.0.0.1:5000/v3 \
    --bootstrap-public-url http://127.0.0.1:5000/v3 \
    --bootstrap-internal-url http://127.0.0.1:5000/v3
} > "$L/keystone-db.out" || die "keystone db_sync/bootstrap failed" "$L/keystone-db.out" "$L/keystone.log"
gunicorn_start keystone 5000 keystone_wsgi:application
wait_http keystone http://127.0.0.1:5000/v3
log "keystone up; seeding catalog, service users, demo user"
OS_CLIENT_CONFIG_FILE=$R/clouds.yaml OS_CLOUD=realcloud-admin REALCLOUD_SERVICES="$SERVICES" \
  quiet "$V/bin/python" "$SRC/lib/keystone_seed.py" > "$L/keystone-seed.out" ||
  die "seeding keystone failed" "$L/keystone-seed.out"

# ---------------------------------------------------------------- DB prep (parallel)
pids=(); names=()
if has glance; then
  ( mkdir -p "$D"/glance/{images,staging,tasks,locks}
    quiet "$V/bin/glance-manage" --config-file "$E/glance/glance-api.conf" db_sync > "$L/glance-db.out" ) &
  pids+=($!); names+=(glance-db)
fi
if has neutron; then
  ( mkdir -p "$D/neutron/locks"
    quiet "$V/bin/python" "$SRC/lib/neutron_db_init.py" "sqlite:///$D/neutron/neutron.db" > "$L/neutron-db.out"
    quiet "$V/bin/neutron-db-manage" --config-file "$E/neutron/neutron.conf" \
        --config-file "$E/neutron/ml2_conf.ini" stamp heads >> "$L/neutron-db.out" ) &
  pids+=($!); names+=(neutron-db)
fi
if has cinder; then
  ( mkdir -p "$D/cinder/locks"
    quiet "$V/bin/cinder-manage" --config-file "$E/cinder/cinder.conf" db sync > "$L/cinder-db.out" ) &
  pids+=($!); names+=(cinder-db)
fi
if has nova; then
  ( mkdir -p "$D"/nova/{instances,locks} "$D/placement"
    quiet "$V/bin/placement-manage" --config-file "$E/placement/placement.conf" db sync > "$L/nova-db.out"
    NM="$V/bin/nova-manage --config-file $E/nova/nova.conf"
    { quiet $NM api_db sync
      quiet $NM cell_v2 map_cell0 --database_connection "sqlite:///$D/nova/nova_cell0.db?timeout=30"
      quiet $NM db sync
      # exit code 2: cell1 already exists (KEEP_DATA=1)
      quiet $NM cell_v2 create_cell --name cell1 || [ $? = 2 ]; } >> "$L/nova-db.out" ) &
  pids+=($!); names+=(nova-db)
fi
if has swift; then
  ( quiet bash "$SRC/lib/make-swift-rings.sh" > "$L/swift-rings.out" ) &
  pids+=($!); names+=(swift-rings)
fi
failed=()
for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
if [ ${#failed[@]} -gt 0 ]; then
  logs=(); for n in "${failed[@]}"; do logs+=("$L/$n.out"); done
  die "DB/ring preparation failed: ${failed[*]}" "${logs[@]}"
fi
# WAL journal (persistent per file): readers no longer block writers, which
# cuts "database is locked" between processes sharing one DB (cinder, nova).
# (swift's own DBs are left alone: swift sets its journal mode itself)
find "$D" -path "$D/swift" -prune -o -name '*.db' -print0 | xargs -0 -r -n1 "$V/bin/python" -c \
  "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')"
log "databases ready (sqlite, WAL)"

# ---------------------------------------------------------------- swift
if has swift; then
  for n in account container object proxy; do
    start "swift-$n" "$V/bin/swift-$n-server" "$E/swift/$n-server.conf" -v
  done
  start swift-container-updater "$V/bin/python" "$SRC/lib/swift-daemon.py" \
      swift.container.updater "$E/swift/container-server.conf" -v
fi
# ---------------------------------------------------------------- glance / neutron / cinder / nova APIs
if has glance; then gunicorn_start glance 9292 glance_wsgi:application; fi
if has neutron; then gunicorn_start neutron 9696 neutron_wsgi:application; fi
if has cinder; then gunicorn_start cinder-api 8776 cinder_wsgi:application; fi
if has nova; then
  gunicorn_start placement 8778 placement_wsgi:application
  gunicorn_start nova-api 8774 nova_wsgi:application
fi

if has swift; then
  for p in 6200:swift-object 6201:swift-container 6202:swift-account 8080:swift-proxy; do
    wait_http "${p#*:}" "http://127.0.0.1:${p%%:*}/healthcheck"
  done
  log "swift up"
fi
if has glance; then wait_http glance http://127.0.0.1:9292/healthcheck; log "glance up"; fi
if has neutron; then wait_http neutron http://127.0.0.1:9696/; log "neutron up"; fi
if has cinder; then wait_http cinder-api http://127.0.0.1:8776/; log "cinder-api up"; fi
if has nova; then
  wait_http placement http://127.0.0.1:8778/
  wait_http nova-api http://127.0.0.1:8774/
  log "placement + nova-api up"
fi

TOK=$(token)
[ -n "$TOK" ] || die "could not get an admin token from keystone" "$L/keystone.log"
svc_up() {  # URL BINARY : is BINARY listed as up in os-services?
  curl -s -m 10 -H "X-Auth-Token: $TOK" "$1" | "$V/bin/python" -c "import json,sys
s=json.load(sys.stdin)['services']
sys.exit(0 if any(x['binary']=='$2' and x['state']=='up' for x in s) else 1)" 2>/dev/null
}
# RPC services: started one at a time, each waited for, because several
# processes creating their service rows in one SQLite file at the same moment
# can fail with "database is locked" (seen: cinder-volume died at startup).
# Stop waiting as soon as the process has exited.
if has cinder; then
  PROJ=$(curl -s -m 10 -H "X-Auth-Token: $TOK" -H "X-Subject-Token: $TOK" http://127.0.0.1:5000/v3/auth/tokens \
         | "$V/bin/python" -c 'import json,sys;print(json.load(sys.stdin)["token"]["project"]["id"])')
  for b in cinder-scheduler cinder-volume; do
    start $b "$V/bin/$b" --config-file "$E/cinder/cinder.conf"
    for _ in $(seq 120); do
      svc_up "http://127.0.0.1:8776/v3/$PROJ/os-services" $b && break
      running $b || die "$b exited" "$L/$b.out" "$L/$b.log"
      sleep 1
    done
    svc_up "http://127.0.0.1:8776/v3/$PROJ/os-services" $b || die "$b not up after 120 s" "$L/$b.log"
  done
  sleep 3   # cinder-volume must still be alive after initialising its driver
  running cinder-volume || die "cinder-volume exited" "$L/cinder-volume.out" "$L/cinder-volume.log"
  # volume type bound to the fake backend (409 when it exists already: KEEP_DATA=1)
  curl -s -m 10 -o /dev/null -H "X-Auth-Token: $TOK" -H 'Content-Type: application/json' \
    -d '{"volume_type":{"name":"fake","extra_specs":{"volume_backend_name":"fake"}}}' \
    "http://127.0.0.1:8776/v3/$PROJ/types"
  log "cinder scheduler+volume up, volume type fake"
fi
if has nova; then
  for b in nova-conductor nova-scheduler nova-compute; do
    start $b "$V/bin/$b" --config-file "$E/nova/nova.conf"
    for _ in $(seq 120); do
      svc_up http://127.0.0.1:8774/v2.1/os-services $b && break
      running $b || die "$b exited" "$L/$b.out" "$L/$b.log"
      sleep 1
    done
    svc_up http://127.0.0.1:8774/v2.1/os-services $b || die "$b not up after 120 s" "$L/$b.log"
  done
  quiet "$V/bin/nova-manage" --config-file "$E/nova/nova.conf" cell_v2 discover_hosts > "$L/nova-discover.out" ||
    die "nova-manage cell_v2 discover_hosts failed" "$L/nova-discover.out"
  n=0
  for _ in $(seq 60); do
    n=$(curl -s -m 10 -H "X-Auth-Token: $TOK" http://127.0.0.1:8774/v2.1/os-hypervisors \
        | "$V/bin/python" -c 'import json,sys;print(len(json.load(sys.stdin)["hypervisors"]))' 2>/dev/null || echo 0)
    [ "$n" -ge 1 ] && break; sleep 1
  done
  [ "$n" -ge 1 ] || die "fake hypervisor not registered" "$L/nova-compute.log"
  for b in nova-conductor nova-scheduler nova-compute; do
    running $b || die "$b exited" "$L/$b.out" "$L/$b.log"
  done
  curl -s -m 10 -o /dev/null -H "X-Auth-Token: $TOK" -H 'Content-Type: application/json' \
    -d '{"flavor":{"name":"m1.tiny","ram":512,"vcpus":1,"disk":1,"id":"1"}}' http://127.0.0.1:8774/v2.1/flavors
  log "nova conductor+scheduler+compute(fake) up, host mapped, flavor m1.tiny"
fi

while read -r n; do
  running "$n" || die "$n is not running" "$L/$n.out"
done < "$P/order"
date -u +%Y-%m-%dT%H:%M:%SZ > "$P/ready"
log "all up: $SERVICES ($(wc -l < "$P/order") processes, pids in $P)"
clouds="realcloud-admin realcloud-demo"; has swift && clouds="$clouds realcloud-tempauth"
cat <<EOF

Use it (clouds in $R/clouds.yaml: $clouds):
  export OS_CLIENT_CONFIG_FILE=$R/clouds.yaml OS_CLOUD=realcloud-admin
or, with plain OS_* variables:
  . $R/openrc-admin        # or openrc-demo
Stop it with: cargo xtask realcloud down
EOF
