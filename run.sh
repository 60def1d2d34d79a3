#!/usr/bin/env bash
# Runs the whole platform on this machine against the local PostgreSQL and Redis.
#
#   ./run.sh           build if needed, start the four services and the dashboard, wait until they are ready
#   ./run.sh stop      stop exactly the processes this script started
#   ./run.sh status    show which services run and whether they are ready
#   ./run.sh olist DIR import the Olist CSV files of DIR (REPLACE=true empties the store first)
#   ./run.sh replica   start a hot standby of the local PostgreSQL (pg_basebackup -R into .run/replica, port REPLICA_PORT,
#                      default 5433) and restart analytics-service reading it (POSTGRES_READ_HOST/PORT); the writers keep
#                      the primary. ./run.sh stop stops the standby too.
#
# Settings come from the environment (see README.md): POSTGRES_HOST/PORT/DB/USER/PASSWORD,
# REDIS_HOST/PORT, ADMIN_PASSWORD, JWT_PUBLIC_KEY/JWT_PRIVATE_KEY. The gateway listens on GATEWAY_HOST (0.0.0.0: it is
# the front door); the backends' APIs on BIND_HOST and every management port on MANAGEMENT_HOST (both 127.0.0.1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
KEY_DIR="$RUN_DIR/keys"
# name:api-port:management-port (health and metrics are on the management port)
SERVICES=(gateway:8080:9080 simulator-service:8081:9081 analytics-service:8082:9082 metrics-service:8083:9083 dashboard:8084:9084)
READY_TIMEOUT="${READY_TIMEOUT:-90}"
REPLICA_DIR="$RUN_DIR/replica"
REPLICA_PORT="${REPLICA_PORT:-5433}"

export POSTGRES_HOST="${POSTGRES_HOST:-localhost}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_DB="${POSTGRES_DB:-ecommerce}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export REDIS_HOST="${REDIS_HOST:-localhost}"
export REDIS_PORT="${REDIS_PORT:-6379}"
# imports by server path read only inside this folder (./run.sh olist copies a folder into it)
export IMPORTS_ROOT="${IMPORTS_ROOT:-$RUN_DIR/imports}"

say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

pid_of() { # prints the pid of a service this script started, if that process still runs its jar
  local name="$1" file="$PID_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$name/target/quarkus-app/quarkus-run.jar"; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

stop_all() {
  local entry name pid stopped=0
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"
    if pid="$(pid_of "$name")"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$PID_DIR/$name.pid"
      say "stopped $name (pid $pid)"
      stopped=1
    fi
  done
  if replica_running; then
    as_server_user "$(server_bin)/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null
    say "stopped the hot standby on port $REPLICA_PORT (its data stays in $REPLICA_DIR)"
    stopped=1
  fi
  [[ $stopped == 1 ]] || say "nothing to stop"
}

ready() { # 0 when the service's readiness (on its management port) is UP
  curl -fs -o /dev/null --max-time 2 "http://localhost:$1/q/health/ready"
}

mgmt_port() { # the management port of a SERVICES entry
  printf '%s' "${1##*:}"
}

api_port() { # the API port of a SERVICES entry
  local rest="${1#*:}"
  printf '%s' "${rest%%:*}"
}

status_all() {
  local entry name port pid
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"; port="$(api_port "$entry")"
    if pid="$(pid_of "$name")"; then
      if ready "$(mgmt_port "$entry")"; then say "$name: running (pid $pid), ready on :$port"; else say "$name: running (pid $pid), NOT ready on :$port"; fi
    else
      say "$name: not running"
    fi
  done
  if [[ -f "$REPLICA_DIR/postmaster.pid" ]] && replica_running; then
    say "hot standby: running on port $REPLICA_PORT (analytics-service reads it after ./run.sh replica)"
  fi
}

needs_build() { # 0 when a service jar is missing or older than any source or pom
  local entry name jar
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"
    jar="$ROOT/$name/target/quarkus-app/quarkus-run.jar"
    [[ -f "$jar" ]] || return 0
    if [[ -n "$(find "$ROOT/pom.xml" "$ROOT/contracts/pom.xml" "$ROOT/contracts/src/main" "$ROOT/$name/pom.xml" "$ROOT/$name/src/main" -newer "$jar" -type f -print -quit)" ]]; then
      return 0
    fi
  done
  return 1
}

check_servers() {
  command -v pg_isready >/dev/null && { pg_isready -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" \
    || die "PostgreSQL does not answer at $POSTGRES_HOST:$POSTGRES_PORT. Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"; }
  if command -v redis-cli >/dev/null; then
    [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] \
      || die "Redis does not answer at $REDIS_HOST:$REDIS_PORT. Start it, e.g.: redis-server --daemonize yes --port $REDIS_PORT --save '' --appendonly no"
  else
    (exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT") 2>/dev/null || die "Redis does not answer at $REDIS_HOST:$REDIS_PORT"
  fi
}

create_database() {
  command -v psql >/dev/null || { say "psql not found: make sure database $POSTGRES_DB exists"; return; }
  local exists
  exists="$(PGPASSWORD="${POSTGRES_PASSWORD:-}" psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'")" || die "cannot connect to PostgreSQL as $POSTGRES_USER"
  if [[ "$exists" != 1 ]]; then
    PGPASSWORD="${POSTGRES_PASSWORD:-}" psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -qc \
      "CREATE DATABASE \"$POSTGRES_DB\"" || die "cannot create database $POSTGRES_DB"
    say "created database $POSTGRES_DB"
  fi
}

ensure_keys() { # the JWT key pair: given by JWT_PUBLIC_KEY/JWT_PRIVATE_KEY, or generated once into .run/keys
  if [[ -n "${JWT_PUBLIC_KEY:-}" || -n "${JWT_PRIVATE_KEY:-}" ]]; then
    [[ -r "${JWT_PUBLIC_KEY:-}" && -r "${JWT_PRIVATE_KEY:-}" ]] || die "set both JWT_PUBLIC_KEY and JWT_PRIVATE_KEY to readable PEM files"
    return
  fi
  export JWT_PUBLIC_KEY="$KEY_DIR/public.pem" JWT_PRIVATE_KEY="$KEY_DIR/private.pem"
  if [[ ! -f "$JWT_PRIVATE_KEY" || ! -f "$JWT_PUBLIC_KEY" ]]; then
    mkdir -p "$KEY_DIR" && chmod 700 "$KEY_DIR"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_PRIVATE_KEY" 2>/dev/null
    openssl pkey -in "$JWT_PRIVATE_KEY" -pubout -out "$JWT_PUBLIC_KEY"
    chmod 600 "$JWT_PRIVATE_KEY"
    say "generated a JWT key pair in $KEY_DIR"
  fi
}

ensure_admin_password() { # kept in .run so the printed login command keeps working across restarts
  if [[ -z "${ADMIN_PASSWORD:-}" ]]; then
    if [[ ! -f "$RUN_DIR/admin-password" ]]; then
      mkdir -p "$RUN_DIR"
      (umask 077; openssl rand -base64 18 | tr -d '/+=' >"$RUN_DIR/admin-password")
    fi
    ADMIN_PASSWORD="$(cat "$RUN_DIR/admin-password")"
  fi
  export ADMIN_PASSWORD
}

launch() { # starts one service's jar in the background, its log in .run/logs and its pid in .run/pids
  local name="$1" host="${BIND_HOST:-127.0.0.1}"
  [[ "$name" == gateway ]] && host="${GATEWAY_HOST:-0.0.0.0}"
  nohup java ${JAVA_OPTS:--Xmx512m} -Dquarkus.http.host="$host" -Dquarkus.management.host="${MANAGEMENT_HOST:-127.0.0.1}" \
    -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" \
    >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

await_ready() { # waits until a SERVICES entry is ready, or exits with its log's last lines
  local name="${1%%:*}" port deadline="$2"
  port="$(mgmt_port "$1")"
  until ready "$port"; do
    if ! pid_of "$name" >/dev/null; then
      say "$name exited during start-up; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      say "$name is not ready after ${READY_TIMEOUT}s; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
}

start_all() {
  check_servers
  if needs_build; then
    say "building (tests skipped; ./mvnw -B verify runs them)..."
    (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests) || die "build failed"
  fi
  create_database
  ensure_keys
  ensure_admin_password
  mkdir -p "$LOG_DIR" "$PID_DIR"

  local entry name port pid
  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"; port="$(api_port "$entry")"
    if pid="$(pid_of "$name")"; then
      say "$name already running (pid $pid)"
      continue
    fi
    if curl -s -o /dev/null --max-time 1 "http://localhost:$port/"; then
      die "port $port is taken by another process; stop it or run ./run.sh stop"
    fi
    launch "$name"
  done

  local deadline=$((SECONDS + READY_TIMEOUT))
  for entry in "${SERVICES[@]}"; do
    await_ready "$entry" "$deadline"
  done
  say "all four services and the dashboard are ready (logs in .run/logs, stop with ./run.sh stop)"
  load_default_data
  cat <<EOF

  dashboard          http://localhost:8080/  (through the gateway; log in as admin, password in .run/admin-password)
  gateway            http://localhost:8080   (Swagger UI: http://localhost:8080/q/swagger-ui)
  simulator-service  http://127.0.0.1:8081   (loopback only: call it through the gateway)
  analytics-service  http://127.0.0.1:8082
  metrics-service    http://127.0.0.1:8083
  dashboard (assets) http://127.0.0.1:8084   (served to browsers by the gateway at /)
  health and metrics http://127.0.0.1:9080-9084/q/health, /q/metrics (management ports)

Get a token (the admin password is in .run/admin-password unless ADMIN_PASSWORD was set):
  TOKEN=\$(curl -s -X POST localhost:8080/auth/token -H 'Content-Type: application/json' \\
      -d "{\"username\":\"admin\",\"password\":\"\$(cat .run/admin-password)\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -H "Authorization: Bearer \$TOKEN" localhost:8080/api/v1/analytics/financial/summary
EOF
}

psql_db() { # runs one query in the platform database, prints the bare result
  PGPASSWORD="${POSTGRES_PASSWORD:-}" psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "$1"
}

admin_token() {
  curl -fs -X POST localhost:8080/auth/token -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

run_job() { # POSTs a job to the simulator ($1 path, $2 JSON body) and follows it to the end with its progress
  local token location body status
  token="$(admin_token)" || die "cannot log in as admin (is ADMIN_PASSWORD right?)"
  location="$(curl -s -D - -o "$RUN_DIR/last-job.json" -X POST "localhost:8081$1" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$2" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  [[ -n "$location" ]] || die "the simulator refused $1: $(cat "$RUN_DIR/last-job.json")"
  while :; do
    body="$(curl -fs -H "Authorization: Bearer $token" "$location")" || die "lost the job at $location"
    status="$(sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p' <<<"$body")"
    printf '\r  %s %s%%  ' "$status" "$(sed -n 's/.*"percent":\([0-9.]*\).*/\1/p' <<<"$body")"
    case "$status" in
      COMPLETED) printf '\n'; say "$body" >"$RUN_DIR/last-job.json"; return 0 ;;
      FAILED | CANCELLED) printf '\n'; die "job $status: $body" ;;
    esac
    sleep 1
  done
}

load_default_data() { # the default data set (fixed seed), only into an empty database
  local orders
  orders="$(psql_db "SELECT count(*) FROM commerce.orders" 2>/dev/null)" || { say "cannot count orders; default data set not loaded"; return; }
  if [[ "$orders" != 0 ]]; then
    say "the database already holds $orders orders; default data set not loaded"
    return
  fi
  say "loading the default data set (5 years, seed 42) into $POSTGRES_DB..."
  run_job /api/v1/simulations '{"profile":"default","seed":42}'
  say "default data set loaded: $(psql_db "SELECT count(*) FROM commerce.orders") orders"
}

import_olist() { # ./run.sh olist DIR: the Olist CSV files of a folder (csv or csv.gz), added to what is loaded
  local dir name
  [[ -n "${1:-}" && -d "$1" ]] || die "usage: ./run.sh olist DIR (a folder with the Olist CSV files)"
  dir="$(cd "$1" && pwd)"
  ensure_admin_password
  ready 9081 && ready 9080 || die "the platform is not running: start it with ./run.sh"
  # the simulator reads server paths only inside IMPORTS_ROOT: the folder's CSV files are copied there first
  name="olist-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$IMPORTS_ROOT/$name"
  find "$dir" -maxdepth 1 -type f \( -name '*.csv' -o -name '*.csv.gz' \) -exec cp {} "$IMPORTS_ROOT/$name/" \;
  say "importing the Olist files of $dir (copied to $IMPORTS_ROOT/$name)..."
  run_job /api/v1/imports/olist "{\"directory\":\"$name\",\"replace\":${REPLACE:-false}}"
  say "import finished; the report is in .run/last-job.json"
}

server_bin() { # where PostgreSQL's server programs (pg_ctl, pg_basebackup) are
  local bin
  bin="$(pg_config --bindir 2>/dev/null)" || true
  [[ -x "$bin/pg_ctl" && -x "$bin/pg_basebackup" ]] || die "PostgreSQL's server programs were not found (pg_config --bindir)"
  printf '%s' "$bin"
}

as_server_user() { # PostgreSQL refuses to run as root: as root, commands run as postgres
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

replica_running() {
  [[ -f "$REPLICA_DIR/postmaster.pid" ]] && as_server_user "$(server_bin)/pg_ctl" -D "$REPLICA_DIR" status >/dev/null 2>&1
}

start_replica() { # ./run.sh replica: a hot standby of the primary, and analytics-service reading it
  local bin entry
  bin="$(server_bin)"
  pid_of analytics-service >/dev/null || die "the platform is not running: start it with ./run.sh first"
  if replica_running; then
    say "the hot standby already runs on port $REPLICA_PORT"
  else
    if [[ ! -f "$REPLICA_DIR/PG_VERSION" ]]; then
      PGPASSWORD="${POSTGRES_PASSWORD:-}" psql "host=$POSTGRES_HOST port=$POSTGRES_PORT user=$POSTGRES_USER replication=true" \
        -qc "IDENTIFY_SYSTEM" >/dev/null 2>&1 || die "the primary refuses replication connections from here: add
  host replication all 127.0.0.1/32 trust
(or your usual method instead of trust) to its pg_hba.conf (psql -c 'SHOW hba_file'), then psql -c 'SELECT pg_reload_conf()'"
      mkdir -p "$RUN_DIR"
      rm -rf "$REPLICA_DIR"
      mkdir -m 700 "$REPLICA_DIR"
      [[ $(id -u) == 0 ]] && chown postgres: "$REPLICA_DIR"
      say "copying the primary into $REPLICA_DIR (pg_basebackup -R: the whole cluster, every database)..."
      PGPASSWORD="${POSTGRES_PASSWORD:-}" as_server_user "$bin/pg_basebackup" -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" \
        -U "$POSTGRES_USER" -D "$REPLICA_DIR" -R -X stream -c fast || die "pg_basebackup failed"
      # Debian's clusters keep their configuration in /etc, outside the data directory the backup copies
      if [[ ! -f "$REPLICA_DIR/postgresql.conf" ]]; then
        as_server_user sh -c "printf '%s\n' 'hot_standby = on' > '$REPLICA_DIR/postgresql.conf'"
        as_server_user cp "$(psql_primary 'SHOW hba_file')" "$REPLICA_DIR/pg_hba.conf"
        as_server_user cp "$(psql_primary 'SHOW ident_file')" "$REPLICA_DIR/pg_ident.conf"
      fi
    fi
    as_server_user "$bin/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/server.log" -w \
      -o "-p $REPLICA_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$REPLICA_DIR" start >/dev/null \
      || die "the standby did not start; see $REPLICA_DIR/server.log"
  fi
  [[ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$POSTGRES_USER" -d postgres -tAc 'SELECT pg_is_in_recovery()')" == t ]] \
    || die "the server on port $REPLICA_PORT is not a standby"
  say "hot standby on 127.0.0.1:$REPLICA_PORT, streaming from $POSTGRES_HOST:$POSTGRES_PORT"
  ensure_admin_password
  kill "$(pid_of analytics-service)" 2>/dev/null || true
  for _ in $(seq 1 50); do pid_of analytics-service >/dev/null || break; sleep 0.2; done
  POSTGRES_READ_HOST=127.0.0.1 POSTGRES_READ_PORT="$REPLICA_PORT" launch analytics-service
  for entry in "${SERVICES[@]}"; do
    [[ "${entry%%:*}" == analytics-service ]] && await_ready "$entry" $((SECONDS + READY_TIMEOUT))
  done
  say "analytics-service restarted, reading the standby (POSTGRES_READ_PORT=$REPLICA_PORT); the writers use the primary"
}

psql_primary() { # one value from the primary's postgres database
  PGPASSWORD="${POSTGRES_PASSWORD:-}" psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -tAc "$1"
}

case "${1:-start}" in
  start) start_all ;;
  stop) stop_all ;;
  status) status_all ;;
  olist) import_olist "${2:-}" ;;
  replica) start_replica ;;
  *) die "usage: ./run.sh [start|stop|status|olist DIR|replica]" ;;
esac
