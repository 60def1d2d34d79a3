#!/usr/bin/env bash
# Order anomaly benchmark: on a simulated data set (default 0.5% planted fraud), scores every order with each method and
# prints ROC-AUC and AUPRC against is_simulated_fraud (AUPRC also as a lift over the fraud share, a random ranking's
# AUPRC), the training and scoring times, the scoring time scaled to 1M orders, and the ratio of the request time to a
# plain scan of the same orders and items in PostgreSQL, measured in the same run.
# Goal: isolation forest ROC-AUC >= 0.95, AUPRC >= 0.5; 1M orders scored in <= 10 s.
#
# Usage: bench/anomaly.sh [database (ecom_bench)] [methods ("isolation-forest one-class-svm")]
set -euo pipefail
BENCH_DB="${1:-ecom_bench}"
METHODS="${2:-isolation-forest one-class-svm}"
source "$(dirname "$0")/analytics-jar.sh"

orders=$(require_simulated_data)
fraud=$(sql "SELECT count(*) FROM commerce.orders WHERE is_simulated_fraud")
if [ "$fraud" -eq 0 ]; then
  echo "database '$BENCH_DB' has no order with is_simulated_fraud: nothing to score against" >&2
  exit 2
fi
start_service "${BENCH_PORT:-9387}"

started=$(date +%s%N)
sql "SELECT count(*), sum(o.revenue), sum(i.quantity) FROM commerce.orders o JOIN commerce.order_items i ON i.order_id = o.id" >/dev/null
scan_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "database $BENCH_DB: $orders orders, $fraud labelled fraud; baseline scan of orders and items: ${scan_ms} ms"
printf '%-17s %8s %8s %8s %10s %10s %10s %12s %10s\n' method ROC-AUC AUPRC lift train_ms score_ms request_ms per_1M_ms req/scan
for method in $METHODS; do
  started=$(date +%s%N)
  result=$(api "/api/v1/analytics/anomalies/orders?limit=20&method=$method")
  request_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  jq -r --argjson request "$request_ms" --argjson scan "$scan_ms" '
    [.method, .evaluation.rocAuc, .evaluation.averagePrecision,
     (.evaluation.averagePrecision / .evaluation.prevalence * 10 | round / 10),
     .timings.trainingMillis, .timings.scoringMillis, $request,
     (.timings.scoringMillis * 1000000 / .ordersScored | round),
     ($request / ([$scan, 1] | max) * 10 | round / 10)] | @tsv' <<<"$result" |
    while IFS=$'\t' read -r m auc ap lift train score request per1m ratio; do
      printf '%-17s %8s %8s %8s %10s %10s %10s %12s %10s\n' "$m" "$auc" "$ap" "$lift" "$train" "$score" "$request" "$per1m" "$ratio"
    done
done
