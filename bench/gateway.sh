#!/usr/bin/env bash
# What the gateway costs: wrk against a cheap metrics-service read (GET /api/v1/metrics/info), once directly and once
# through the gateway with a bearer token (rate limits raised so nothing is refused), in the same run.
# Prints requests/s, p50 and p99 of both and the ratios. Goal: >= 70% of direct throughput, <= 1 ms added at p50.
#
# Usage: bench/gateway.sh [duration-seconds=15] [connections=32] [threads=2]
# Needs: Java 17, PostgreSQL and Redis on localhost, the key pair in .run/keys (./run.sh makes it) or JWT_KEYS_DIR.
set -euo pipefail

DURATION=${1:-15}
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

run() { # name url -> "rps p50 p99"
  wrk -t1 -c4 -d3s -H "Authorization: Bearer $TOKEN" "$2" >/dev/null # warm-up
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$2")
  if echo "$out" | grep -q "Non-2xx"; then { echo "$1: wrk saw non-2xx answers:"; echo "$out"; tail -20 "$WORK"/*.log; } >&2; exit 1; fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  echo "$rps $p50 $p99"
}

direct=$(run direct "http://127.0.0.1:$METRICS_PORT$PATH_READ")
gateway=$(run gateway "http://127.0.0.1:$GATEWAY_PORT$PATH_READ")
read -r d_rps d_p50 d_p99 <<<"$direct"
read -r g_rps g_p50 g_p99 <<<"$gateway"

echo "GET $PATH_READ, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(nproc) cores"
printf '%-10s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
printf '%-10s %12.0f %10.3f %10.3f\n' direct "$d_rps" "$d_p50" "$d_p99"
printf '%-10s %12.0f %10.3f %10.3f\n' gateway "$g_rps" "$g_p50" "$g_p99"
awk -v g="$g_rps" -v d="$d_rps" -v gp="$g_p50" -v dp="$d_p50" 'BEGIN {
  printf "throughput ratio gateway/direct: %.2f (goal >= 0.70)\n", g / d
  printf "added p50: %.3f ms (goal <= 1 ms)\n", gp - dp }'
