#!/usr/bin/env bash
# The whole RFM customer list of N customers (default 1,000,000) exported by analytics-service as XLSX and as CSV: prints both
# times, their ratio (goal: XLSX <= 3x CSV) and the service's peak heap (goal: < 256 MB; the service runs with -Xmx256m, so
# finishing at all proves the bound; the peak is the largest heap in use before a collection in its GC log).
# Uses (and fills once, with the documented generator below) the database ecom_exports_bench.
# Needs: psql, curl, openssl, and PostgreSQL on POSTGRES_HOST (127.0.0.1) as POSTGRES_USER (postgres).
set -euo pipefail
CUSTOMERS="${1:-1000000}"
BENCH_DB="${BENCH_DB:-ecom_exports_bench}"
PORT="${BENCH_PORT:-18092}"
source "$(dirname "${BASH_SOURCE[0]}")/analytics-jar.sh"

if ! psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -tAX -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1; then
  psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -qc "CREATE DATABASE $BENCH_DB"
fi
GC_LOG=$(mktemp)
# the schema comes from the service's own migrations: start it once empty, then fill
HAVE=$(sql "SELECT count(*) FROM commerce.customers" 2>/dev/null || echo 0)
BENCH_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$GC_LOG" start_service "$PORT"
if [ "${HAVE:-0}" -ne "$CUSTOMERS" ]; then
  echo "generating $CUSTOMERS customers with 1-3 orders each in 2024 ..."
  # customer k: 1 + k % 3 orders, on days spread over the year by k and the order's number, worth 10 + k % 90 (+ j)
  sql "TRUNCATE commerce.customers, commerce.products, commerce.orders CASCADE" >/dev/null
  sql "INSERT INTO commerce.customers (id, state, region, created_at) SELECT k, 'SP', 'SUDESTE', '2023-01-01T00:00:00Z'
       FROM generate_series(1, $CUSTOMERS) k" >/dev/null
  sql "INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue)
       SELECT k, TIMESTAMPTZ '2024-01-01T15:00:00Z' + ((k * 7 + j * 61) % 360) * INTERVAL '1 day', 'delivered',
              10 + k % 90 + j
       FROM generate_series(1, $CUSTOMERS) k, generate_series(0, 2) j WHERE j <= k % 3" >/dev/null
  sql "ANALYZE" >/dev/null
fi
echo "orders: $(sql "SELECT count(*) FROM commerce.orders"); waiting for the sales mart (background refresh) ..."
for _ in $(seq 1 180); do
  if api "/api/v1/analytics/customers/rfm?size=1" >/dev/null 2>&1; then break; fi
  sleep 5
done
TOTAL=$(api "/api/v1/analytics/customers/rfm?size=1" | sed 's/.*"total":\([0-9]*\).*/\1/')
echo "persons in the list: $TOTAL"

export_once() { # format -> TAKEN (seconds), ROWS (rows in the file), SIZE (bytes)
  local format="$1" out start end
  out=$(mktemp)
  start=$(date +%s.%N)
  curl -sf --max-time 1800 -H "Authorization: Bearer $TOKEN" -o "$out" \
    "$BASE/api/v1/analytics/customers/rfm?sort=customer&format=$format"
  end=$(date +%s.%N)
  SIZE=$(stat -c %s "$out")
  if [ "$format" = csv ]; then
    ROWS=$(($(wc -l <"$out") - 1))
  else
    ROWS=$(unzip -p "$out" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
    ROWS=$((ROWS - 2)) # note and header rows
  fi
  rm -f "$out"
  TAKEN=$(echo "$end - $start" | bc)
}

export_once csv; CSV=$TAKEN; CSV_ROWS=$ROWS; CSV_SIZE=$SIZE
export_once xlsx; XLSX=$TAKEN; XLSX_ROWS=$ROWS; XLSX_SIZE=$SIZE
export_once csv; CSV2=$TAKEN
export_once xlsx; XLSX2=$TAKEN
PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$GC_LOG" | sed 's/M->.*//' | sort -n | tail -1)
printf 'CSV : %s rows, %s bytes, %.1f s / %.1f s\n' "$CSV_ROWS" "$CSV_SIZE" "$CSV" "$CSV2"
printf 'XLSX: %s rows, %s bytes, %.1f s / %.1f s\n' "$XLSX_ROWS" "$XLSX_SIZE" "$XLSX" "$XLSX2"
printf 'ratio XLSX/CSV (best of two each): %.2f  (goal <= 3)\n' \
  "$(echo "($(printf '%s\n%s' "$XLSX" "$XLSX2" | sort -n | head -1)) / ($(printf '%s\n%s' "$CSV" "$CSV2" | sort -n | head -1))" | bc -l)"
echo "peak heap in use before a collection: ${PEAK} MB of -Xmx256m (goal < 256 MB)"
rm -f "$GC_LOG"
