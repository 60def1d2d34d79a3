#!/usr/bin/env bash
# Benchmark of metrics-service's order-event consumer.
#
#   bench/metrics.sh [N]        N order events (default 200000)
#
# Starts the service jar (building it if missing) on its own port, PostgreSQL database and Redis logical
# database. Warms the consumer up first (WARMUP events, default 300,000, on 31 March, applied but not timed: a
# long-running service is past its JIT compilation; measured here, after 50,000 warm-up events the JSON reading was
# still partly unoptimised: 24.8 us of service CPU per event, against 16.6 us after 300,000), then pushes N order
# events onto orders:events with redis-cli --pipe and times how long the consumer group takes to apply and acknowledge all of them (from the
# first XADD to lag 0 and nothing pending). The events come in time order, as a store's orders do: 30 days of
# April, about N/30 a day, 2 lines each, 50,000 customers, 500 products. Prints the CPU time Redis and the
# service spent per event in that window (where the time goes on this 2-core machine). Then,
# in the same run, redis-benchmark runs N commands with pipeline 16: N SETs (the raw command rate of this Redis)
# and N calls of the same Lua script with one event each (fresh order ids: what one EVALSHA per event would
# reach; the consumer sends up to 500 events of a day per call). Prints the rates and the consumer's ratio to
# each, and checks that the counters are exact (sum of pedidos_count = N).
#
# Environment: WARMUP (300000), BENCH_REDIS_DB (13), BENCH_PORT (9183), BENCH_POSTGRES_DB (metrics_dev),
# METRICS_CONSUMER_THREADS (2), METRICS_CONSUMER_BATCH_SIZE (1000), JWT_PUBLIC_KEY (.run/keys/public.pem, else a
# throw-away key: the benchmark calls no protected endpoint).
set -euo pipefail

N=${1:-200000}
DB=${BENCH_REDIS_DB:-13}
PORT=${BENCH_PORT:-9183}
PGDB=${BENCH_POSTGRES_DB:-metrics_dev}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/metrics-service/target/quarkus-app/quarkus-run.jar"
SCRIPT="$ROOT/metrics-service/src/main/resources/lua/apply-order-event.lua"
WORK=$(mktemp -d)
PID=""
R() { redis-cli -n "$DB" "$@"; }
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  R FLUSHDB >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }

if [[ ! -f "$JAR" ]]; then
  echo "building metrics-service..."
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl metrics-service -am package -DskipTests)
fi
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDB'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PGDB"
R FLUSHDB >/dev/null

# events(first, count, spread): order ids first.., over 30 April days in time order (spread=1) or all on 31 March
# (spread=0); 2 lines each, 50,000 customers, 500 products, revenue = sum of the lines.
events() {
  awk -v first="$1" -v n="$2" -v spread="$3" 'function bulk(s) { printf "$%d\r\n%s\r\n", length(s), s }
  BEGIN {
    for (k = 0; k < n; k++) {
      i = first + k
      day = spread ? sprintf("2026-04-%02d", int(k * 30 / n) + 1) : "2026-03-31"
      q1 = i % 3 + 1; p1 = (i % 997) + 0.05; p2 = 12.90
      revenue = sprintf("%.2f", q1 * p1 + p2)
      payload = sprintf("{\"orderId\":%d,\"customerId\":%d,\"orderedAt\":\"%sT15:00:00Z\",\"status\":\"delivered\",\"state\":\"SP\",\"region\":\"SUDESTE\",\"revenue\":%s,\"items\":[{\"productId\":%d,\"quantity\":%d,\"unitPrice\":%.2f},{\"productId\":%d,\"quantity\":1,\"unitPrice\":12.90}]}", i, i % 50000, day, revenue, i % 500, q1, p1, (i * 7) % 500)
      printf "*9\r\n"; bulk("XADD"); bulk("orders:events"); bulk("*"); bulk("v"); bulk("1"); bulk("order_id"); bulk(i); bulk("payload"); bulk(payload)
    }
  }'
}
WARMUP=${WARMUP:-300000}
events 1 "$WARMUP" 0 > "$WORK/warmup.resp"
events $((WARMUP + 1)) "$N" 1 > "$WORK/events.resp"

KEY=${JWT_PUBLIC_KEY:-$ROOT/.run/keys/public.pem}
if [[ ! -f "$KEY" ]]; then
  KEY="$WORK/public.pem"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkey -pubout -out "$KEY"
fi

echo "starting metrics-service on port $PORT (Redis db $DB, PostgreSQL $PGDB)..."
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) POSTGRES_DB=$PGDB QUARKUS_REDIS_HOSTS="redis://localhost:6379/$DB" \
  JWT_PUBLIC_KEY="$KEY" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  curl -sf "localhost:$((PORT + 1000))/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.1
done

group() { R XINFO GROUPS orders:events | awk -v f="$1" 'prev == f { print; exit } { prev = $0 }'; }
drained() { # waits until the group has read $1 entries and none is pending
  while :; do
    [[ "$(group entries-read)" == "$1" && "$(group pending)" == "0" ]] && break
    sleep 0.02
  done
}
cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; } # user + system clock ticks (10 ms) of a process
REDIS_PID=$(pgrep -x redis-server | head -1 || true)

if (( WARMUP > 0 )); then
  R --pipe < "$WORK/warmup.resp" > "$WORK/pipe.log"
  drained "$WARMUP"
fi
redis0=$( [[ -n $REDIS_PID ]] && cpu_ms "$REDIS_PID" || echo 0); jvm0=$(cpu_ms "$PID")
start=$(now)
R --pipe < "$WORK/events.resp" > "$WORK/pipe.log"
pushed=$(now)
drained $((WARMUP + N))
done_at=$(now)
redis1=$( [[ -n $REDIS_PID ]] && cpu_ms "$REDIS_PID" || echo 0); jvm1=$(cpu_ms "$PID")

orders=0
for d in $(seq -w 1 30); do orders=$((orders + $(R GET "pedidos_count:2026-04-$d"))); done
[[ "$orders" == "$N" ]] || { echo "WRONG: sum of pedidos_count = $orders, expected $N"; exit 1; }

rps() { tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1; }
set_rate=$(redis-benchmark -n "$N" -P 16 -r 1000000 --dbnum "$DB" -q SET 'bench:__rand_int__' 1 | rps)
SHA=$(R SCRIPT LOAD "$(cat "$SCRIPT")")
D=2026-05-01
# the keys and arguments of the script's header: the day's keys, its hold, the five regions, then the all-time keys
script_rate=$(redis-benchmark -n "$N" -P 16 -r 1000000000 --dbnum "$DB" -q EVALSHA "$SHA" 13 \
  "metrics:applied:{$D}" faturamento:$D pedidos_count:$D clientes_ativos:$D top_produtos:$D "metrics:rebuilding:{$D}" \
  vendas_por_regiao:NORTE:$D vendas_por_regiao:NORDESTE:$D vendas_por_regiao:CENTRO_OESTE:$D \
  vendas_por_regiao:SUDESTE:$D vendas_por_regiao:SUL:$D top_produtos metrics:days \
  each 0 691200 $D 5 __rand_int__ 1 1515 42 4 2 7 2 8 1 | rps)

awk -v n="$N" -v w="$WARMUP" -v s="$start" -v p="$pushed" -v d="$done_at" -v b="$set_rate" -v e="$script_rate" \
  -v rc=$((redis1 - redis0)) -v jc=$((jvm1 - jvm0)) -v redis_pid="$REDIS_PID" 'BEGIN {
  t = d - s; rate = n / t
  printf "events:                    %d after %d warm-up events (pushed in %.2f s, %.0f XADD/s)\n", n, w, p - s, n / (p - s)
  printf "consumer applied all:      %.2f s after the first XADD -> %.0f events/s\n", t, rate
  if (redis_pid != "") printf "CPU per event:             Redis %.1f us (XADD included), metrics-service %.1f us\n", rc * 1000 / n, jc * 1000 / n
  printf "redis-benchmark SET:       %.0f commands/s (%d commands, -P 16)\n", b, n
  printf "redis-benchmark EVALSHA:   %.0f events/s (same script, one event per call, %d calls, -P 16)\n", e, n
  printf "ratio consumer / SET:      %.2f\n", rate / b
  printf "ratio consumer / EVALSHA:  %.2f\n", rate / e
  printf "goal >= 50,000 events/s:   %s\n", (rate >= 50000 ? "met" : "NOT met")
}'
