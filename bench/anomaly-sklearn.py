#!/usr/bin/python3
"""The scikit-learn peer of bench/anomaly.sh: the same nine order features built in PostgreSQL, then sklearn's
IsolationForest (100 trees, max_samples 2048, as analytics-service) trained on 20,000 orders and scoring every order.
Prints one tab-separated line: orders, fetch_ms (the feature query, read with a server-side cursor), train_ms, score_ms
(score_samples over every order), ROC-AUC and AUPRC against is_simulated_fraud.

Usage: bench/anomaly-sklearn.py DATABASE   (needs Debian's python3-sklearn and python3-psycopg2: apt-get install them)
"""
import os
import sys
import time

import numpy as np
import psycopg2
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score

FEATURES = """
WITH medians AS (SELECT product_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY unit_price) AS m
                 FROM commerce.order_items GROUP BY product_id),
lines AS (SELECT i.order_id, max(i.quantity) AS max_quantity, max(abs(i.unit_price / nullif(md.m, 0) - 1)) AS deviation
          FROM commerce.order_items i JOIN medians md USING (product_id) GROUP BY i.order_id),
near AS (SELECT o.id, count(*) OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at
                RANGE BETWEEN INTERVAL '24 hours' PRECEDING AND INTERVAL '24 hours' FOLLOWING) - 1 AS n
         FROM commerce.orders o)
SELECT o.is_simulated_fraud, o.revenue::float8, o.item_count, coalesce(l.max_quantity, 0),
       coalesce(l.deviation, 0)::float8, near.n,
       coalesce(date_part('epoch', o.ordered_at - c.created_at) / 86400, 0),
       date_part('hour', o.ordered_at AT TIME ZONE %s), coalesce(c.state, ''),
       coalesce(o.freight / nullif(o.revenue + o.freight, 0), 0)::float8
FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id
LEFT JOIN lines l ON l.order_id = o.id JOIN near ON near.id = o.id
"""


def rarity(values, sample):
    """-ln of the add-one smoothed share of the training sample's orders with each value, as the service computes it."""
    kinds, counts = np.unique(values[sample], return_counts=True)
    share = dict(zip(kinds, counts))
    n, categories = len(sample), max(len(kinds), 24)
    return np.array([-np.log((share.get(v, 0) + 1.0) / (n + categories)) for v in values])


def main(database):
    connection = psycopg2.connect(host=os.environ.get("POSTGRES_HOST", "127.0.0.1"),
                                  user=os.environ.get("POSTGRES_USER", "postgres"), dbname=database)
    started = time.perf_counter()
    with connection, connection.cursor("features") as cursor:
        cursor.itersize = 10000
        cursor.execute(FEATURES, (os.environ.get("STORE_ZONE", "America/Sao_Paulo"),))
        rows = cursor.fetchall()
    labels = np.array([r[0] for r in rows])
    numbers = np.array([r[1:8] for r in rows], dtype=float)
    states = np.array([r[8] for r in rows])
    freight = np.array([r[9] for r in rows], dtype=float)
    rng = np.random.default_rng(20080101)
    sample = rng.choice(len(rows), size=min(20000, len(rows)), replace=False)
    hour = rarity(numbers[:, 6].astype(int), sample)
    state = rarity(states, sample)
    # as FeatureEncoder: log(1 + x) of total, units, largest quantity, price deviation and account age
    x = np.column_stack([np.log1p(np.maximum(numbers[:, :4], 0)), numbers[:, 4], np.log1p(np.maximum(numbers[:, 5], 0)),
                         hour, state, freight])
    x = (x - x[sample].mean(axis=0)) / np.where(x[sample].std(axis=0) > 0, x[sample].std(axis=0), 1)
    fetched = time.perf_counter()
    forest = IsolationForest(n_estimators=100, max_samples=2048, random_state=20080101).fit(x[sample])
    trained = time.perf_counter()
    scores = -forest.score_samples(x)
    scored = time.perf_counter()
    print("\t".join(str(v) for v in [
        len(rows), round((fetched - started) * 1000), round((trained - fetched) * 1000), round((scored - trained) * 1000),
        round(roc_auc_score(labels, scores), 4), round(average_precision_score(labels, scores), 4)]))


if __name__ == "__main__":
    main(sys.argv[1])
