#!/usr/bin/env bash
# What the gateway costs: wrk against a cheap metrics-service read (GET /api/v1/metrics/info), once directly and once
# through the gateway with a bearer token (rate limits raised so nothing is refused), in the same run, after a warm-up
# of each (BENCH_WARMUP seconds, default 10: a JVM serving for real is past its JIT compilation). Three settings:
#   shared cores    wrk, gateway, metrics-service and Redis share every core: what the gateway's CPU costs on one box
#   one connection  a single connection: the latency the gateway adds to a call, without queueing behind other calls
#   own cores       metrics-service alone on core 1, wrk and the gateway on core 0 (taskset): as on separate pods
# Prints requests/s, p50 and p99 of each and the ratios. Goal: >= 70% of direct throughput, <= 1 ms added at p50.
#
# Usage: bench/gateway.sh [duration-seconds=15] [connections=32] [threads=2]
# Needs: Java 17, PostgreSQL and Redis on localhost, the key pair in .run/keys (./run.sh makes it) or JWT_KEYS_DIR.
set -euo pipefail

DURATION=${1:-15}
WARMUP=${BENCH_WARMUP:-10}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEYS=${JWT_KEYS_DIR:-$ROOT/.run/keys}
METRICS_PORT=${BENCH_METRICS_PORT:-9383}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-9380}
PGHOST=${POSTGRES_HOST:-127.0.0.1}
PASSWORD=bench-admin-password
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null
fi
[ -r "$KEYS/private.pem" ] && [ -r "$KEYS/public.pem" ] || { echo "no key pair in $KEYS (run ./run.sh once, or set JWT_KEYS_DIR)"; exit 1; }

if [ ! -f "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$ROOT/metrics-service/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl gateway,metrics-service -am package -DskipTests)
fi
for db in gateway_bench gateway_bench_metrics; do
  psql -h "$PGHOST" -U "${POSTGRES_USER:-postgres}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -h "$PGHOST" -U "${POSTGRES_USER:-postgres}" -qc "CREATE DATABASE $db"
done

# the read asks Redis once per call: the default queue of 24 waiting callers would fail a 32-connection run
common=(-Xmx512m -Dquarkus.log.level=WARN -Dquarkus.log.console.json.enabled=false)
QUARKUS_HTTP_PORT=$METRICS_PORT POSTGRES_DB=gateway_bench_metrics JWT_PUBLIC_KEY=$KEYS/public.pem \
  QUARKUS_REDIS_HOSTS=redis://${REDIS_HOST:-localhost}:${REDIS_PORT:-6379}/15 \
  java "${common[@]}" -Dquarkus.redis.max-pool-waiting=2000 -jar "$ROOT/metrics-service/target/quarkus-app/quarkus-run.jar" >"$WORK/metrics.log" 2>&1 &
PIDS+=($!)
QUARKUS_HTTP_PORT=$GATEWAY_PORT POSTGRES_DB=gateway_bench JWT_PUBLIC_KEY=$KEYS/public.pem JWT_PRIVATE_KEY=$KEYS/private.pem \
  QUARKUS_REDIS_HOSTS=redis://${REDIS_HOST:-localhost}:${REDIS_PORT:-6379}/14 ADMIN_PASSWORD=$PASSWORD \
  METRICS_URL=http://127.0.0.1:$METRICS_PORT \
  java "${common[@]}" -Dgateway.rate-limit.limits.admin.admin=1000000000 \
  -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for port in $METRICS_PORT $GATEWAY_PORT; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "service on port $port did not start:"; cat "$WORK"/*.log; exit 1; }
done

TOKEN=$(curl -sf -X POST "http://127.0.0.1:$GATEWAY_PORT/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
PATH_READ=/api/v1/metrics/info
for url in "http://127.0.0.1:$METRICS_PORT$PATH_READ" "http://127.0.0.1:$GATEWAY_PORT$PATH_READ"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  [ "$status" = 200 ] || { echo "$url answered $status"; exit 1; }
done

# wrk prints latencies as 512.00us, 1.20ms or 1.01s: in milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

run() { # name url connections threads [command prefix, e.g. taskset] -> "rps p50 p99"
  local name=$1 url=$2 c=$3 t=$4; shift 4
  "$@" wrk -t"$t" -c"$c" -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "$url" >/dev/null # JIT warm-up at full load
  local out; out=$("$@" wrk -t"$t" -c"$c" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$url")
  if echo "$out" | grep -q "Non-2xx"; then { echo "$name: wrk saw non-2xx answers:"; echo "$out"; grep -h -m 10 -E "WARN|ERROR" "$WORK"/*.log; } >&2; exit 1; fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  echo "$rps $p50 $p99"
}
row() { printf '%-34s %12.0f %10.3f %10.3f\n' "$1" $2; }

DIRECT_URL="http://127.0.0.1:$METRICS_PORT$PATH_READ"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT$PATH_READ"
METRICS_PID=${PIDS[0]}
GATEWAY_PID=${PIDS[1]}

# 1. everything shares every core: what the gateway costs on one small machine
shared_d=$(run direct "$DIRECT_URL" "$CONNECTIONS" "$THREADS")
shared_g=$(run gateway "$GATEWAY_URL" "$CONNECTIONS" "$THREADS")
# 2. one connection: the latency one call gains through the gateway, without queueing behind others
one_d=$(run direct "$DIRECT_URL" 1 1)
one_g=$(run gateway "$GATEWAY_URL" 1 1)
# 3. as on separate pods: the backend alone on core 1, wrk (and the gateway) on core 0
own=""
if (( $(nproc) >= 2 )) && command -v taskset >/dev/null; then
  taskset -a -p -c 1 "$METRICS_PID" >/dev/null
  taskset -a -p -c 0 "$GATEWAY_PID" >/dev/null
  own_d=$(run direct "$DIRECT_URL" "$CONNECTIONS" "$THREADS" taskset -c 0)
  own_g=$(run gateway "$GATEWAY_URL" "$CONNECTIONS" "$THREADS" taskset -c 0)
  own=yes
fi

echo "GET $PATH_READ, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after a ${WARMUP}s warm-up, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
row "shared cores, direct" "$shared_d"
row "shared cores, through the gateway" "$shared_g"
row "one connection, direct" "$one_d"
row "one connection, through the gateway" "$one_g"
if [[ -n $own ]]; then
  row "own cores, direct" "$own_d"
  row "own cores, through the gateway" "$own_g"
fi
read -r sd_rps sd_p50 _ <<<"$shared_d"
read -r sg_rps sg_p50 _ <<<"$shared_g"
read -r _ od_p50 _ <<<"$one_d"
read -r _ og_p50 _ <<<"$one_g"
awk -v g="$sg_rps" -v d="$sd_rps" -v gp="$sg_p50" -v dp="$sd_p50" -v ogp="$og_p50" -v odp="$od_p50" 'BEGIN {
  printf "throughput ratio gateway/direct, shared cores:  %.2f (goal >= 0.70)\n", g / d
  printf "added p50, one connection:                       %.3f ms (goal <= 1 ms)\n", ogp - odp
  printf "added p50, %s connections on shared cores:       %.3f ms (queueing included)\n", "'"$CONNECTIONS"'", gp - dp }'
if [[ -n $own ]]; then
  read -r od_rps _ _ <<<"$own_d"
  read -r og_rps _ _ <<<"$own_g"
  awk -v g="$og_rps" -v d="$od_rps" 'BEGIN {
    printf "throughput ratio gateway/direct, own cores:     %.2f (goal >= 0.70)\n", g / d }'
fi
