#!/usr/bin/env bash
# Revenue forecast benchmark: on a simulated data set, each model is backtested at 5 rolling origins holding out 8 weeks
# each (the last 8 weeks and 4 earlier windows); prints MASE, sMAPE and MAPE per model, the model `auto` chooses, and the
# ratio of its MASE to the polynomial model's (goal: chosen MASE < 1 and ratio <= 0.7).
#
# Usage: bench/forecast.sh [database (ecom_bench)] [horizon weeks (8)] [origins (5)]
set -euo pipefail
BENCH_DB="${1:-ecom_bench}"
HORIZON="${2:-8}"
ORIGINS="${3:-5}"
source "$(dirname "$0")/analytics-jar.sh"

orders=$(require_simulated_data)
export ANALYTICS_FORECAST_BACKTEST_ORIGINS="$ORIGINS"
start_service "${BENCH_PORT:-9386}"

started=$(date +%s%N)
result=$(api "/api/v1/analytics/forecast/revenue?horizonWeeks=$HORIZON&model=auto")
[ -n "${BENCH_DEBUG:-}" ] && echo "$result" >&2
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))

echo "database $BENCH_DB: $orders orders, $(jq .history.weeks <<<"$result") whole weeks" \
  "($(jq -r .history.firstWeek <<<"$result") to $(jq -r .history.lastWeek <<<"$result"))"
echo "backtest: $ORIGINS origins x $HORIZON weeks; request took ${elapsed_ms} ms"
printf '%-16s %8s %8s %8s %8s\n' model origins MASE sMAPE% MAPE%
jq -r '.candidates[] | [.model, .origins, .mase, .smape, .mape] | @tsv' <<<"$result" |
  while IFS=$'\t' read -r model origins mase smape mape; do
    printf '%-16s %8s %8.3f %8.2f %8.2f\n' "$model" "$origins" "$mase" "$smape" "$mape"
  done
chosen=$(jq -r .model <<<"$result")
echo "auto chose: $chosen ($(jq -r .variant <<<"$result"))"
jq -r --arg chosen "$chosen" '
  (.candidates[] | select(.model == $chosen) | .mase) as $c
  | (.candidates[] | select(.model == "polynomial") | .mase) as $p
  | (.candidates[] | select(.model == "seasonal-naive") | .mase) as $n
  | "MASE chosen/polynomial = \($c / $p * 1000 | round / 1000)  chosen/seasonal-naive = \($c / $n * 1000 | round / 1000)"' \
  <<<"$result"
