#!/usr/bin/env bash
# Benchmark of the descriptive analytics endpoints against one full scan of the order items.
#
#   bench/analytics.sh [orders]        default 200000; the issue's figure is bench/analytics.sh 1000000
#
# Uses database ecom_bench on the local PostgreSQL (POSTGRES_HOST/PORT/USER as for the services). When
# commerce.orders there is empty, fills it with the generator below (or reuse a data set the simulator
# loaded there: any non-empty ecom_bench is used as it is). Starts the analytics jar on a private port
# (BENCH_PORT, default 9182) with a key pair of its own, calls every endpoint 5 times and prints, per
# endpoint, the median wall time and its ratio to the median of 5 runs of
#   SELECT sum(quantity * unit_price) FROM commerce.order_items
# measured in the same run. Goal (issue 5): RFM within 3x of that scan, every other endpoint within 2x.
# The endpoints read the sales mart (commerce.mart_*, kept in step by triggers); the script first times one rebuild of the
# whole mart from the orders (what the first call after a bulk load waits for) and prints it with the same ratio.
set -euo pipefail

ORDERS=${1:-200000}
PORT=${BENCH_PORT:-9182}
DB=ecom_bench
PGHOST=${POSTGRES_HOST:-127.0.0.1}
PGPORT=${POSTGRES_PORT:-5432}
PGUSER=${POSTGRES_USER:-postgres}
export PGHOST PGPORT PGUSER
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/analytics-service/target/quarkus-app/quarkus-run.jar
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

if [[ ! -f $JAR ]]; then
  echo "building the analytics jar..."
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl analytics-service -am package -DskipTests)
fi
psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || psql -X -q -d postgres -c "CREATE DATABASE $DB"

# A key pair of the benchmark's own: the jar trusts its public half, the script signs tokens with the other.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"

echo "starting analytics-service on port $PORT (database $DB; Flyway migrates it)..."
# A data set loaded by a newer build (the simulator's) may carry migrations this jar does not know: tolerated here.
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) POSTGRES_HOST=$PGHOST POSTGRES_PORT=$PGPORT POSTGRES_USER=$PGUSER POSTGRES_DB=$DB \
  JWT_PUBLIC_KEY=$WORK/public.pem java -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "localhost:$((PORT + 1000))/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.5
done

if [[ $(psql_db -tAc "SELECT count(*) FROM commerce.orders") == 0 ]]; then
  echo "generating $ORDERS orders..."
  # Generator: customers = orders/3, each with a state drawn with rough population weights and its region;
  # 2,000 products in 20 categories, price 5..500, cost 40-70% of price, a recorded lifecycle stage;
  # orders spread uniformly over 2023-2024 with 1-3 lines (product popularity skewed by random()^2),
  # 95% delivered, 3% canceled, 2% shipped; order revenue/cost/item_count derived from the lines as the
  # loaders do. Deterministic (setseed) so runs are comparable.
  psql_db <<SQL
SELECT setseed(0.42);
CREATE TEMP TABLE uf(i int, uf char(2), region text);
INSERT INTO uf SELECT row_number() OVER (), u, r FROM (VALUES
  ('SP','SUDESTE'),('SP','SUDESTE'),('SP','SUDESTE'),('SP','SUDESTE'),('MG','SUDESTE'),('MG','SUDESTE'),
  ('RJ','SUDESTE'),('RJ','SUDESTE'),('ES','SUDESTE'),('BA','NORDESTE'),('BA','NORDESTE'),('PE','NORDESTE'),
  ('CE','NORDESTE'),('MA','NORDESTE'),('PR','SUL'),('PR','SUL'),('RS','SUL'),('RS','SUL'),('SC','SUL'),
  ('GO','CENTRO_OESTE'),('DF','CENTRO_OESTE'),('MT','CENTRO_OESTE'),('PA','NORTE'),('AM','NORTE')) v(u, r);
INSERT INTO commerce.customers (id, state, region, created_at)
  SELECT g, uf.uf, uf.region, '2022-01-01Z' FROM generate_series(1, ($ORDERS / 3) + 1) g
  JOIN uf ON uf.i = 1 + (hashint4(g) & 2147483647) % 24;
INSERT INTO commerce.products (id, name, category, unit_price, unit_cost, lifecycle_stage)
  SELECT g, 'product ' || g, 'category ' || (g % 20), p, round(p * (0.4 + 0.3 * random())::numeric, 2),
         (ARRAY['introduction','growth','maturity','decline'])[1 + g % 4]
  FROM (SELECT g, 5 + ((hashint4(g) & 2147483647) % 49500) / 100.0 AS p FROM generate_series(1, 2000) g) x;
CREATE UNLOGGED TABLE lines AS
  SELECT o AS order_id, l AS line_no, 1 + floor(power(random(), 2) * 2000)::int AS product_id,
         1 + floor(random() * 3)::int AS quantity
  FROM generate_series(1, $ORDERS) o, LATERAL generate_series(1, 1 + (hashint4(o) & 3) % 3) l;
INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)
  SELECT l.order_id, 1 + (hashint4(l.order_id * 7) & 2147483647) % ($ORDERS / 3),
         timestamptz '2023-01-01 03:00Z' + (hashint4(l.order_id * 13) & 2147483647) % (731 * 86400) * interval '1 second',
         CASE WHEN l.order_id % 100 < 95 THEN 'delivered' WHEN l.order_id % 100 < 98 THEN 'canceled' ELSE 'shipped' END,
         sum(l.quantity), sum(l.quantity * p.unit_price), sum(l.quantity * p.unit_cost)
  FROM lines l JOIN commerce.products p ON p.id = l.product_id GROUP BY l.order_id;
INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)
  SELECT l.order_id, l.line_no, l.product_id, l.quantity, p.unit_price, p.unit_cost
  FROM lines l JOIN commerce.products p ON p.id = l.product_id;
DROP TABLE lines;
VACUUM ANALYZE commerce.customers, commerce.products, commerce.orders, commerce.order_items;
SQL
fi
echo "data: $(psql_db -tAc "SELECT count(*) || ' orders, ' || (SELECT count(*) FROM commerce.order_items) || ' items, '
  || (SELECT count(*) FROM commerce.customers) || ' customers' FROM commerce.orders")"

b64url() { openssl base64 -e -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"iss":"https://ecommerce-analytics/gateway","aud":"ecommerce-analytics","upn":"bench","groups":["viewer","analyst","admin"],"iat":%d,"exp":%d}' \
  "$NOW" $((NOW + 3600)) | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/private.pem" -binary | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIGNATURE"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

# The baseline: one full scan of the items, 5 times, median in seconds.
for _ in 1 2 3 4 5; do
  psql_db -c '\timing on' -c 'SELECT sum(quantity * unit_price) FROM commerce.order_items' \
    | awk '/^Time:/ {print $2 / 1000}'
done >"$WORK/scan"
SCAN=$(median <"$WORK/scan")
printf '\n%-58s %10s %8s\n' "call" "median s" "x scan"
printf '%-58s %10.3f %8s\n' "SELECT sum(quantity*unit_price) FROM order_items" "$SCAN" "1.00"

# One rebuild of the whole mart, by the refresh function every endpoint runs first: after the service's own start-up build
# (a first call waits for it), queue "everything" and time the refresh.
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/analytics/geo/regions"
psql_db -c "INSERT INTO commerce.mart_changes VALUES (NULL)"
# (and the VACUUM the service runs after a full rebuild, for index-only scans)
REBUILD=$(psql_db -c '\timing on' -c "SELECT commerce.mart_refresh('${STORE_ZONE:-America/Sao_Paulo}', 0)" \
  -c "VACUUM commerce.mart_customers, commerce.mart_orders, commerce.mart_order_categories, commerce.mart_lines, commerce.mart_pairs, commerce.mart_persons" \
  | awk '/^Time:/ {t += $2 / 1000} END {print t}')
printf '%-58s %10.3f %8.2f\n' "sales mart rebuild (once per bulk load)" "$REBUILD" "$(awk -v t="$REBUILD" -v s="$SCAN" 'BEGIN {print t / s}')"

RANGE="from=2023-01-01&to=2024-12-31"
for path in "financial/summary?$RANGE" "financial/timeseries?$RANGE&granularity=day" \
  "financial/timeseries?$RANGE&granularity=month" "cohorts/retention?$RANGE" \
  "customers/rfm?$RANGE" "customers/rfm?$RANGE&segment=champions&page=3" "customers/rfm/segments?$RANGE" \
  "products/top?$RANGE&by=profit" "products/lifecycle?$RANGE" "products/combinations?$RANGE" \
  "geo/regions?$RANGE" "geo/states?$RANGE"; do
  for _ in 1 2 3 4 5; do
    curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/analytics/$path"
  done >"$WORK/t"
  T=$(median <"$WORK/t")
  printf '%-58s %10.3f %8.2f\n' "$path" "$T" "$(awk -v t="$T" -v s="$SCAN" 'BEGIN {print t / s}')"
done
