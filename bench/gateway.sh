#!/usr/bin/env bash
# What the gateway costs: wrk against a cheap metrics-service read (GET /api/v1/metrics/info), directly and through the
# gateway with a bearer token (rate limits raised so nothing is refused), in the same run. Both JVMs are first warmed up
# (BENCH_WARMUP seconds each, default 30: a JVM serving for real is past its JIT compilation, and 10 s was not enough here),
# then each setting runs ROUNDS rounds (default 3) of direct and gateway runs in turn; the medians are compared, since one
# run on this 2-core VM varies by up to 30% from the next. As a reference for what any proxy hop costs here, the same runs
# go through nginx (proxy_pass with keep-alive upstream connections, no token check, no rate limit) when it is installed
# (BENCH_NGINX=0 skips it). Three settings:
#   own cores       metrics-service alone on core 1; wrk, the gateway, nginx and Redis on core 0 (taskset): the backend
#                   keeps a core of its own, as on its own pod, and everything that is not the backend shares the other
#                   one. The throughput goal is judged here: does putting the gateway in front cost the backend throughput?
#   one connection  a single connection: the latency the gateway adds to a call, without queueing behind other calls
#   shared cores    wrk, gateway, metrics-service and Redis share both cores: each call through the gateway then makes
#                   three loopback round trips (caller, Redis, backend) on the CPU the backend needs too, so the ratio is
#                   how the CPU splits between proxy and backend; reported, with nginx's ratio beside it, not the goal
# Prints requests/s, p50 and p99 (medians of the rounds) of each and the ratios. Goal: >= 70% of direct throughput, <= 1 ms
# added at p50.
#
# Usage: bench/gateway.sh [duration-seconds=10] [connections=32] [threads=2]
# Needs: Java 17, PostgreSQL and Redis on localhost, the key pair in .run/keys (./run.sh makes it) or JWT_KEYS_DIR.
set -euo pipefail

DURATION=${1:-10}
WARMUP=${BENCH_WARMUP:-30}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEYS=${JWT_KEYS_DIR:-$ROOT/.run/keys}
METRICS_PORT=${BENCH_METRICS_PORT:-9383}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-9380}
NGINX_PORT=${BENCH_NGINX_PORT:-9390}
PGHOST=${POSTGRES_HOST:-127.0.0.1}
PASSWORD=bench-admin-password
WORK=$(mktemp -d)
PIDS=()
REDIS_PID="" REDIS_CPUS=""

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [[ -n $REDIS_CPUS ]] && taskset -a -p -c "$REDIS_CPUS" "$REDIS_PID" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null
fi
NGINX=""
if [[ ${BENCH_NGINX:-1} != 0 ]]; then
  command -v nginx >/dev/null || apt-get install -y nginx-light >/dev/null 2>&1 || true
  command -v nginx >/dev/null && NGINX=yes
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
QUARKUS_HTTP_PORT=$METRICS_PORT QUARKUS_MANAGEMENT_PORT=$((METRICS_PORT + 1000)) POSTGRES_DB=gateway_bench_metrics JWT_PUBLIC_KEY=$KEYS/public.pem \
  QUARKUS_REDIS_HOSTS=redis://${REDIS_HOST:-localhost}:${REDIS_PORT:-6379}/15 \
  java "${common[@]}" -Dquarkus.redis.max-pool-waiting=2000 -jar "$ROOT/metrics-service/target/quarkus-app/quarkus-run.jar" >"$WORK/metrics.log" 2>&1 &
PIDS+=($!)
QUARKUS_HTTP_PORT=$GATEWAY_PORT QUARKUS_MANAGEMENT_PORT=$((GATEWAY_PORT + 1000)) POSTGRES_DB=gateway_bench JWT_PUBLIC_KEY=$KEYS/public.pem JWT_PRIVATE_KEY=$KEYS/private.pem \
  QUARKUS_REDIS_HOSTS=redis://${REDIS_HOST:-localhost}:${REDIS_PORT:-6379}/14 ADMIN_PASSWORD=$PASSWORD \
  METRICS_URL=http://127.0.0.1:$METRICS_PORT \
  java "${common[@]}" -Dgateway.rate-limit.limits.admin.admin=1000000000 \
  -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for port in $METRICS_PORT $GATEWAY_PORT; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null || { echo "service on port $port did not start:"; cat "$WORK"/*.log; exit 1; }
done

if [[ -n $NGINX ]]; then
  cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream metrics { server 127.0.0.1:$METRICS_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://metrics; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  nginx -c "$WORK/nginx.conf" -p "$WORK" || { echo "nginx did not start; run with BENCH_NGINX=0"; exit 1; }
fi

TOKEN=$(curl -sf -X POST "http://127.0.0.1:$GATEWAY_PORT/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
PATH_READ=/api/v1/metrics/info
for url in "http://127.0.0.1:$METRICS_PORT$PATH_READ" "http://127.0.0.1:$GATEWAY_PORT$PATH_READ"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  [ "$status" = 200 ] || { echo "$url answered $status"; exit 1; }
done

# wrk prints latencies as 512.00us, 1.20ms or 1.01s: in milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

once() { # url connections threads [command prefix, e.g. taskset] -> "rps p50 p99"
  local url=$1 c=$2 t=$3; shift 3
  local out; out=$("$@" wrk -t"$t" -c"$c" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$url")
  if echo "$out" | grep -q "Non-2xx"; then { echo "$url: wrk saw non-2xx answers:"; echo "$out"; grep -h -m 10 -E "WARN|ERROR" "$WORK"/*.log; } >&2; exit 1; fi
  echo "$(echo "$out" | awk '/Requests\/sec/ { print $2 }') $(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')") $(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
medians() { # lines "rps p50 p99" -> "median-rps median-p50 median-p99"
  local rows; rows=$(cat)
  echo "$(awk '{ print $1 }' <<<"$rows" | median) $(awk '{ print $2 }' <<<"$rows" | median) $(awk '{ print $3 }' <<<"$rows" | median)"
}
setting() { # connections threads [prefix] -> sets D, G (and N) to the medians of ROUNDS alternating direct/gateway/nginx runs
  local c=$1 t=$2; shift 2
  local d="" g="" n="" i
  for i in $(seq 1 "$ROUNDS"); do
    d+="$(once "$DIRECT_URL" "$c" "$t" "$@")"$'\n'
    g+="$(once "$GATEWAY_URL" "$c" "$t" "$@")"$'\n'
    [[ -n $NGINX ]] && n+="$(once "$NGINX_URL" "$c" "$t" "$@")"$'\n'
  done
  D=$(printf '%s' "$d" | medians)
  G=$(printf '%s' "$g" | medians)
  N=$([[ -n $NGINX ]] && printf '%s' "$n" | medians || echo "0 0 0")
}
row() { printf '%-34s %12.0f %10.3f %10.3f\n' "$1" $2; }

DIRECT_URL="http://127.0.0.1:$METRICS_PORT$PATH_READ"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT$PATH_READ"
NGINX_URL="http://127.0.0.1:$NGINX_PORT$PATH_READ"
METRICS_PID=${PIDS[0]}
GATEWAY_PID=${PIDS[1]}

# JIT warm-up of both at full load
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "$DIRECT_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $TOKEN" "$GATEWAY_URL" >/dev/null

# 1. everything shares every core: what the gateway costs on one small machine
setting "$CONNECTIONS" "$THREADS"
shared_d=$D shared_g=$G shared_n=$N
# 2. one connection: the latency one call gains through the gateway, without queueing behind others
setting 1 1
one_d=$D one_g=$G one_n=$N
# 3. as on separate pods: the backend alone on core 1; wrk, the gateway, nginx and Redis on core 0. Redis left floating
# lands on either core from one run to the next (the backend alone then ran at 2,509 req/s in one run and 5,132 in the
# next), so it is pinned too when it runs here, and given its cores back at the end.
own=""
if (( $(nproc) >= 2 )) && command -v taskset >/dev/null; then
  taskset -a -p -c 1 "$METRICS_PID" >/dev/null
  taskset -a -p -c 0 "$GATEWAY_PID" >/dev/null
  [[ -f $WORK/nginx.pid ]] && for pid in $(pgrep -f "nginx.*$WORK"); do taskset -p -c 0 "$pid" >/dev/null; done
  REDIS_PID=$(redis-cli -h "${REDIS_HOST:-localhost}" -p "${REDIS_PORT:-6379}" info server 2>/dev/null | tr -d '\r' | awk -F: '$1 == "process_id" { print $2 }')
  if [[ -n $REDIS_PID ]] && REDIS_CPUS=$(taskset -p -c "$REDIS_PID" 2>/dev/null | awk -F': ' '{ print $2 }'); then
    taskset -a -p -c 0 "$REDIS_PID" >/dev/null
  else
    REDIS_PID="" REDIS_CPUS=""
    echo "(Redis is not a local process this script may pin: it floats in the own-cores setting)"
  fi
  setting "$CONNECTIONS" "$THREADS" taskset -c 0
  own_d=$D own_g=$G own_n=$N
  own=yes
fi

echo "GET $PATH_READ, wrk -t$THREADS -c$CONNECTIONS, medians of $ROUNDS rounds of ${DURATION}s after a ${WARMUP}s warm-up of each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
row "shared cores, direct" "$shared_d"
row "shared cores, through the gateway" "$shared_g"
[[ -n $NGINX ]] && row "shared cores, through nginx" "$shared_n"
row "one connection, direct" "$one_d"
row "one connection, through the gateway" "$one_g"
[[ -n $NGINX ]] && row "one connection, through nginx" "$one_n"
if [[ -n $own ]]; then
  row "own cores, direct" "$own_d"
  row "own cores, through the gateway" "$own_g"
  [[ -n $NGINX ]] && row "own cores, through nginx" "$own_n"
fi
read -r sd_rps sd_p50 _ <<<"$shared_d"
read -r sg_rps sg_p50 _ <<<"$shared_g"
read -r sn_rps _ _ <<<"$shared_n"
read -r _ od_p50 _ <<<"$one_d"
read -r _ og_p50 _ <<<"$one_g"
awk -v g="$sg_rps" -v d="$sd_rps" -v n="$sn_rps" -v gp="$sg_p50" -v dp="$sd_p50" -v ogp="$og_p50" -v odp="$od_p50" 'BEGIN {
  printf "throughput ratio gateway/direct, shared cores:  %.2f (how 2 cores split between proxy and backend)\n", g / d
  if (n > 0) printf "throughput ratio nginx/direct, shared cores:    %.2f (a proxy hop without token check or rate limit)\n", n / d
  printf "added p50, one connection:                       %.3f ms (goal <= 1 ms)\n", ogp - odp
  printf "added p50, %s connections on shared cores:       %.3f ms (queueing included)\n", "'"$CONNECTIONS"'", gp - dp }'
if [[ -n $own ]]; then
  read -r od_rps _ _ <<<"$own_d"
  read -r og_rps _ _ <<<"$own_g"
  read -r on_rps _ _ <<<"$own_n"
  awk -v g="$og_rps" -v d="$od_rps" -v n="$on_rps" 'BEGIN {
    if (n > 0) printf "throughput ratio nginx/direct, own cores:       %.2f\n", n / d
    printf "throughput ratio gateway/direct, own cores:     %.2f (goal >= 0.70)\n", g / d }'
fi
