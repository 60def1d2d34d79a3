#!/usr/bin/env bash
# How the imports should write: COPY straight into commerce.order_items (what they do), against COPY into a
# temporary staging table followed by INSERT ... SELECT. Same rows, same indexes and foreign keys, same database.
# Usage: bench/import-copy.sh [ITEMS]   (default 500000 item rows over ITEMS/2 orders; the Olist subset has 34,763,
# UCI Online Retail 541,909). Needs psql and the local PostgreSQL (PGHOST/PGUSER, default 127.0.0.1/postgres).
set -euo pipefail
ITEMS=${1:-500000}
ORDERS=$(( (ITEMS + 1) / 2 ))
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=imports_bench
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; psql -qd postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1' EXIT

psql -qd postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
psql -qd $DB -v ON_ERROR_STOP=1 -c "CREATE SCHEMA commerce" \
  -f "$ROOT/contracts/src/main/resources/db/commerce/V1__create_commerce_schema.sql" >/dev/null
psql -qd $DB -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO commerce.customers (id, external_id, created_at) VALUES (1, 'c1', now());
INSERT INTO commerce.products (id, external_id) SELECT g, 'p' || g FROM generate_series(1, 1000) g;
INSERT INTO commerce.orders (id, external_id, customer_id, ordered_at, status)
  SELECT g, 'o' || g, 1, now(), 'delivered' FROM generate_series(1, $ORDERS) g;
\copy (SELECT (g + 1) / 2, 2 - g % 2, 1 + g % 1000, 1, (g % 500) / 10.0, 1.5 FROM generate_series(1, $ITEMS) g) TO '$WORK/items.csv' WITH (FORMAT csv)
SQL

COLS="order_id, line_no, product_id, quantity, unit_price, freight"
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
direct() {
  psql -qd $DB -v ON_ERROR_STOP=1 -c "TRUNCATE commerce.order_items" \
    -c "\\copy commerce.order_items ($COLS) FROM '$WORK/items.csv' WITH (FORMAT csv)"
}
staged() {
  psql -qd $DB -v ON_ERROR_STOP=1 <<SQL
TRUNCATE commerce.order_items;
BEGIN;
CREATE TEMP TABLE items_stage (LIKE commerce.order_items INCLUDING DEFAULTS) ON COMMIT DROP;
\\copy items_stage ($COLS) FROM '$WORK/items.csv' WITH (FORMAT csv)
INSERT INTO commerce.order_items ($COLS) SELECT $COLS FROM items_stage;
COMMIT;
SQL
}
direct >/dev/null; staged >/dev/null   # warm-up: caches, first-touch of the indexes
D=$(time_ms direct); S=$(time_ms staged); D2=$(time_ms direct); S2=$(time_ms staged)
D=$(( (D + D2) / 2 )); S=$(( (S + S2) / 2 ))
echo "items: $ITEMS over $ORDERS orders (mean of 2 runs after a warm-up)"
echo "COPY into order_items (baseline):        ${D} ms"
echo "COPY into temp staging + INSERT SELECT:  ${S} ms"
awk -v d="$D" -v s="$S" 'BEGIN { printf "staging / direct = %.2f\n", s / d }'
