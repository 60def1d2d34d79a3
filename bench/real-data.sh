#!/usr/bin/env bash
# Real data through the API: UCI Online Retail II (2009-2010: 525k lines, invoices of up to hundreds of products) and the
# Olist subset, each imported with replace=true, then every descriptive endpoint timed against one scan of the order items.
#
#   bench/real-data.sh        needs the real datasets (DATA_DIR, default ../shared/data; not part of a clone)
#
# Starts the platform from the packaged jars (bench/platform.sh; ports BENCH_PORT_BASE, default 26080) on database
# ecom_bench_real (BENCH_DB, emptied first) and Redis database BENCH_REDIS_DB (default 10), with the analytics answer cache
# off (ANALYTICS_CACHE_ENABLED=false: every call computes). Per dataset it prints
#   load       from the import's start until its job enters the sales mart phases (reading, validating, COPY)
#   mart       the job's sales mart phases (the writers keep the mart: the job ends when it is up to date)
#   first      from the job's end to the first financial/summary answer
# and the ratio (load + mart + first) / load: issue 21 asks for <= 2 ("import to first analytics answer <= 2x the import
# alone"). Then each descriptive endpoint (all time, median of 3) and its ratio to the median of 3 runs of
#   SELECT sum(quantity * unit_price) FROM commerce.order_items
# measured in the same run (issue 21: every descriptive endpoint <= 2x that scan on UCI II as on simulated data).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA_DIR:-$ROOT/../shared/data}
BASE=${BENCH_PORT_BASE:-26080}
DB=${BENCH_DB:-ecom_bench_real}
REDIS_DB=${BENCH_REDIS_DB:-10}
RUNS=${RUNS:-3}
# PGHOST/PGPORT/PGUSER, WORK, PIDS; start_platform and token
source "$ROOT/bench/platform.sh"

say() { printf '%s\n' "$*"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", b - a }'; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

UCI=$DATA/online-retail/online_retail_II_2009-2010.csv.gz
if [[ ! -f $UCI || ! -f $DATA/olist/olist_orders_dataset.csv.gz ]]; then
  say "bench/real-data.sh needs the real datasets in $DATA (online-retail/online_retail_II_2009-2010.csv.gz, olist/*.csv.gz);"
  say "they come with the project's shared data, not with a clone. Set DATA_DIR to another copy."
  exit 1
fi
command -v jq >/dev/null || apt-get install -y jq >/dev/null

# the imports read server paths inside IMPORTS_ROOT only (a link leading out of it is refused): copies of the datasets
export IMPORTS_ROOT=$WORK/imports
mkdir -p "$IMPORTS_ROOT/olist"
cp "$UCI" "$IMPORTS_ROOT/online_retail_II.csv.gz"
cp "$DATA"/olist/*.csv.gz "$IMPORTS_ROOT/olist/"
export ANALYTICS_CACHE_ENABLED=false

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
start_platform
TOKEN=$(token)

import() { # name path body: runs one import job and prints load, mart, first and the ratio
  local name=$1 path=$2 body=$3 start location status phase marked="" ended first_at
  start=$(now)
  location=$(curl -s -D - -o "$WORK/answer" -X POST "$URL$path" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "$body" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [[ -n $location ]] || { say "$name: the import was refused: $(cat "$WORK/answer")"; exit 1; }
  while :; do
    status=$(curl -fs -H "Authorization: Bearer $(token)" "$URL$(sed 's#^https\?://[^/]*##' <<<"$location")")
    phase=$(jq -r .phase <<<"$status")
    [[ -z $marked && $phase == "sales mart"* ]] && marked=$(now)
    case $(jq -r .status <<<"$status") in
      COMPLETED) ended=$(now); break ;;
      FAILED | CANCELLED) say "$name: $(jq -c '{status, phase, detail: .error}' <<<"$status")"; exit 1 ;;
    esac
    sleep 0.25
  done
  [[ -n $marked ]] || marked=$ended
  until curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/analytics/financial/summary"; do sleep 0.25; done
  first_at=$(now)
  printf '%-10s load %8.2f s   mart %8.2f s   first %6.2f s   (load+mart+first)/load %6.2f   %s\n' "$name" \
    "$(seconds "$start" "$marked")" "$(seconds "$marked" "$ended")" "$(seconds "$ended" "$first_at")" \
    "$(awk -v a="$start" -v m="$marked" -v f="$first_at" 'BEGIN { print (f - a) / (m - a) }')" \
    "$(jq -c '.counts' <<<"$status")"
}

endpoints() { # name: every descriptive endpoint, all time, against the scan
  local scan e t times
  scan=$(for _ in $(seq 1 "$RUNS"); do
    t=$(now); psql -X -q -d "$DB" -tAc "SELECT sum(quantity * unit_price) FROM commerce.order_items" >/dev/null
    seconds "$t" "$(now)"
  done | median)
  say "$1: $(psql -X -q -d "$DB" -tAc "SELECT count(*) FROM commerce.orders") orders, $(psql -X -q -d "$DB" -tAc \
    "SELECT count(*) FROM commerce.order_items") items, $(psql -X -q -d "$DB" -tAc \
    "SELECT count(*) FROM commerce.mart_pairs") rows of mart_pairs; one scan of order_items: $scan s"
  for e in financial/summary "financial/timeseries?granularity=day" "cohorts/retention?granularity=month" \
    customers/rfm/segments "customers/rfm?size=25" "products/top?limit=10" "products/lifecycle?limit=100" \
    "products/combinations?limit=20" "products/combinations?limit=20&sort=lift" geo/states geo/regions; do
    times=$(for _ in $(seq 1 "$RUNS"); do
      curl -fs -o /dev/null -w '%{time_total}\n' --max-time 600 -H "Authorization: Bearer $TOKEN" \
        "$URL/api/v1/analytics/$e" || echo 600
    done | median)
    printf '  %-44s %8.3f s %8.2fx the scan\n' "$e" "$times" "$(awk -v a="$times" -v b="$scan" 'BEGIN { print a / b }')"
  done
}

say ""
import "UCI II" /api/v1/imports/order-lines '{"path": "online_retail_II.csv.gz", "replace": true, "mapping": {"invoice":
  "Invoice", "unitPrice": "Price", "customerId": "Customer ID"}, "dateFormat": "yyyy-MM-dd HH:mm:ss"}'
endpoints "UCI II"
say ""
import "Olist" /api/v1/imports/olist '{"directory": "olist", "replace": true}'
endpoints "Olist"
say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
