#!/usr/bin/env bash
# Benchmark of the simulator's bulk load (issue 3).
#
#   bench/simulate.sh [N]      N = orders to generate (default 1,000,000; e.g. 100000 for a quick run)
#
# 1. Runs `simulate` (the service jar's command line) into database $BENCH_DB (default ecom_bench): 5 years, 200
#    products a year, as many customers a year as give about N orders, seed 42, the default 5-year warm-up, --replace;
#    prints rows/s per table from the run's own timings.
# 2. Baseline, in the same run, the bare path the way pg_restore orders it: exports the very same rows to CSV, creates
#    the schema's tables alone (pg_dump --section=pre-data) in database $BENCH_RAW_DB (default ecom_bench_raw, dropped
#    and created again) and times, in one transaction, `psql \copy` of the rows into the bare tables followed by the
#    schema's keys, indexes, foreign keys and triggers (--section=post-data).
# 3. Prints generation+load (the run's time without its sales-mart refresh) / bare path (goal: <= 1.5) and the mart's
#    full rebuild / bare path (goal: <= 0.5).
#
# Needs psql/pg_dump and PostgreSQL on POSTGRES_HOST:POSTGRES_PORT (default 127.0.0.1:5432, user postgres, trust).
set -euo pipefail

N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/simulator-service/target/quarkus-app/quarkus-run.jar
export PGHOST=${POSTGRES_HOST:-127.0.0.1} PGPORT=${POSTGRES_PORT:-5432} PGUSER=${POSTGRES_USER:-postgres}
DB=${BENCH_DB:-ecom_bench}
RAW=${BENCH_RAW_DB:-ecom_bench_raw}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The default profile with its 5-year warm-up makes 2.878 orders per customer acquired in the five years (measured:
# 28,780 orders for 5 x 2,000 customers, seed 42; warm-up customers' orders included).
CUSTOMERS_PER_YEAR=$(( N * 1000 / 2878 / 5 ))
[ "$CUSTOMERS_PER_YEAR" -ge 1 ] || { echo "N too small" >&2; exit 2; }

if [ ! -f "$JAR" ]; then
  echo "building simulator-service..."
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl simulator-service -am package -DskipTests)
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
sql() { psql -X -q -tA -d "$1" -c "$2"; }

sql postgres "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || sql postgres "CREATE DATABASE $DB"
sql postgres "DROP DATABASE IF EXISTS $RAW"
sql postgres "CREATE DATABASE $RAW"

# the command line runs the prod profile, which checks the JWT key exists: give it a throwaway one
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"

echo "== generating ~$N orders: 5 years x $CUSTOMERS_PER_YEAR customers/year x 200 products/year into $DB"
start=$(now)
POSTGRES_DB=$DB JWT_PUBLIC_KEY=$WORK/public.pem QUARKUS_REDIS_HOSTS=${QUARKUS_REDIS_HOSTS:-redis://127.0.0.1:6379/11} \
  java -Xmx512m -jar "$JAR" simulate --years 5 --customers-per-year "$CUSTOMERS_PER_YEAR" --products-per-year 200 \
  --seed 42 --start-date 2021-01-01 --replace > "$WORK/simulate.log" 2>&1 || { cat "$WORK/simulate.log"; exit 1; }
wall=$(secs "$start" "$(now)")

RUN="(SELECT id FROM commerce.runs WHERE kind = 'simulation' ORDER BY created_at DESC LIMIT 1)"
status=$(sql $DB "SELECT status FROM commerce.runs WHERE id = $RUN")
[ "$status" = COMPLETED ] || { cat "$WORK/simulate.log"; exit 1; }
gen_ms=$(sql $DB "SELECT result->'millis'->>'total' FROM commerce.runs WHERE id = $RUN")
echo "run COMPLETED in $(awk -v m="$gen_ms" 'BEGIN { printf "%.2f", m / 1000 }') s (process wall time with JVM start: $wall s)"
psql -X -q -d $DB -c "SELECT t AS table, (counts->>t)::bigint AS rows, (result->'millis'->>p.key)::bigint AS ms,
    round((counts->>t)::bigint * 1000.0 / greatest((result->'millis'->>p.key)::bigint, 1)) AS rows_per_s
  FROM commerce.runs, (VALUES (1, 'products', 'products'), (2, 'customers', 'generate+customers'),
    (3, 'orders', 'orders'), (4, 'order_items', 'order_items'), (5, 'payments', 'payments')) AS p(n, t, key)
  WHERE id = $RUN ORDER BY n"
echo "(customers: generation of every row runs in that phase, while customers stream into COPY)"

echo "== baseline: the same rows as CSV, psql \\copy into bare tables, then keys, indexes, constraints ($RAW)"
pg_dump -s -n commerce --section=pre-data $DB | psql -X -q -d $RAW > /dev/null
pg_dump -s -n commerce --section=post-data $DB > "$WORK/post-data.sql"
declare -A COLS=(
  [products]="id, name, category, unit_cost, unit_price, lifecycle_stage, launched_at, discontinued_at, run_id"
  [customers]="id, name, email, segment, region, state, city, created_at, run_id"
  [orders]="id, customer_id, ordered_at, status, approved_at, shipped_at, delivered_at, estimated_delivery_at, channel, is_simulated_fraud, item_count, revenue, cost, freight, run_id"
  [order_items]="order_id, line_no, product_id, quantity, unit_price, unit_cost, freight"
  [payments]="order_id, seq, type, installments, amount")
TABLES="products customers orders order_items payments"
for t in $TABLES; do
  psql -X -q -d $DB -c "\\copy (SELECT ${COLS[$t]} FROM commerce.$t) TO '$WORK/$t.csv' WITH (FORMAT csv)"
done
du -ch "$WORK"/*.csv | tail -1 | sed 's/total/of CSV/'
script=$WORK/raw.sql
echo "TRUNCATE commerce.reviews, commerce.payments, commerce.order_items, commerce.orders, commerce.customers, commerce.products, commerce.sellers;" > "$script"
for t in $TABLES; do
  echo "\\copy commerce.$t (${COLS[$t]}) FROM '$WORK/$t.csv' WITH (FORMAT csv, FREEZE true)" >> "$script"
done
grep -v '^SET transaction_timeout' "$WORK/post-data.sql" >> "$script"
start=$(now)
psql -X -q -1 -v ON_ERROR_STOP=1 -d $RAW -f "$script" > /dev/null
raw=$(secs "$start" "$(now)")
echo "bare path (\\copy into bare tables, then keys, indexes, foreign keys, triggers): $raw s"

mart_ms=$(sql $DB "SELECT result->'millis'->>'salesMart' FROM commerce.runs WHERE id = $RUN")
vacuum_ms=$(sql $DB "SELECT coalesce(result->'millis'->>'salesMartVacuum', '0') FROM commerce.runs WHERE id = $RUN")
load_ms=$(( gen_ms - mart_ms - vacuum_ms ))
echo "run: generation + load $(awk -v m="$load_ms" 'BEGIN { printf "%.2f", m / 1000 }') s (indexes and constraints" \
  "$(sql $DB "SELECT result->'millis'->>'indexesAndConstraints' FROM commerce.runs WHERE id = $RUN") ms of it)," \
  "sales mart rebuild $(awk -v m="$mart_ms" 'BEGIN { printf "%.2f", m / 1000 }') s"
echo "== ratio generation+load / bare path: $(awk -v g="$load_ms" -v r="$raw" 'BEGIN { printf "%.2f", g / 1000 / r }') (goal <= 1.5)"
echo "== ratio mart rebuild / bare path: $(awk -v g="$mart_ms" -v r="$raw" 'BEGIN { printf "%.2f", g / 1000 / r }') (goal <= 0.5)"
