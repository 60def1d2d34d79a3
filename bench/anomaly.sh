#!/usr/bin/env bash
# Order anomaly benchmark: on a simulated data set (default 0.5% planted fraud), scores every order with each method and
# prints ROC-AUC and AUPRC against is_simulated_fraud (AUPRC also as a lift over the fraud share, a random ranking's
# AUPRC), the training and scoring times, the scoring time scaled to 1M orders, and the ratio of the request time to a
# plain scan of the same orders and items in PostgreSQL, measured in the same run. Then the isolation forest once more on a
# service with one scoring thread (ANALYTICS_ANOMALY_SCORING_THREADS=1), its own baseline, and the ratio of the two; and the
# scikit-learn peer (bench/anomaly-sklearn.py: the same features fetched from PostgreSQL, sklearn's IsolationForest) when
# Debian's python3-sklearn is installed, with the ratio of its fetch + score_samples to the service's scoring.
# Goal (issue 23): ROC-AUC >= 0.95 and AUPRC >= 0.8; 1M orders scored in <= 3 s, at least 10x the sklearn peer's ~33 s.
#
# Each figure is the median of RUNS (3) calls after one untimed call that warms the JIT up.
#
# Usage: [RUNS=3] bench/anomaly.sh [database (ecom_bench)] [methods ("isolation-forest one-class-svm")]
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
RUNS=${RUNS:-3}
screen() { # method -> the table's row for the median of RUNS timed calls after one untimed (JIT warm-up), its per_1M_ms in PER_1M
  local method="$1" started result request_ms runs=()
  api "/api/v1/analytics/anomalies/orders?limit=1&method=$method" >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    started=$(date +%s%N)
    result=$(api "/api/v1/analytics/anomalies/orders?limit=20&method=$method")
    request_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    runs+=("$(jq -r --argjson request "$request_ms" --argjson scan "$scan_ms" '
      [(.timings.scoringMillis * 1000000 / .ordersScored | round), .method, .evaluation.rocAuc, .evaluation.averagePrecision,
       (.evaluation.averagePrecision / .evaluation.prevalence * 10 | round / 10),
       .timings.trainingMillis, .timings.scoringMillis, $request,
       ($request / ([$scan, 1] | max) * 10 | round / 10)] | @tsv' <<<"$result")")
  done
  IFS=$'\t' read -r PER_1M m auc ap lift train score request ratio < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%-17s %8s %8s %8s %10s %10s %10s %12s %10s\n' "$m" "$auc" "$ap" "$lift" "$train" "$score" "$request" "$PER_1M" "$ratio"
}

for method in $METHODS; do
  screen "$method"
  if [ "$method" = isolation-forest ]; then parallel=$PER_1M; fi
done
if [ -n "${parallel:-}" ]; then
  stop_service
  ANALYTICS_ANOMALY_SCORING_THREADS=1 start_service "${BENCH_PORT:-9387}"
  echo "baseline: the isolation forest with one scoring thread"
  screen isolation-forest
  awk -v p="$parallel" -v b="$PER_1M" 'BEGIN { printf "isolation forest: %d ms per 1M orders with a scoring thread per processor, %d ms with one: %.2fx\n", p, b, b / p }'
  stop_service
  # the peer: the same features built in PostgreSQL, scikit-learn's IsolationForest (Debian's python3-sklearn)
  if /usr/bin/python3 -c 'import sklearn, psycopg2' 2>/dev/null; then
    IFS=$'\t' read -r n fetch train score auc ap < <("$(dirname "$0")/anomaly-sklearn.py" "$BENCH_DB")
    awk -v n="$n" -v f="$fetch" -v t="$train" -v s="$score" -v auc="$auc" -v ap="$ap" -v p="$parallel" 'BEGIN {
      per = (f + s) * 1000000 / n
      printf "sklearn peer: ROC-AUC %s, AUPRC %s; features fetched in %d ms, trained in %d ms, scored in %d ms: %d ms per 1M orders\n", auc, ap, f, t, s, per
      printf "isolation forest per 1M orders scored: %.1fx the peer (%.1fx its score_samples alone)\n", per / p, s * 1000000 / n / p }'
  else
    echo "sklearn peer skipped: apt-get install python3-sklearn python3-psycopg2 to compare with it"
  fi
fi
