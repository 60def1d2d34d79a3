# Independent pandas computation of the figures OlistSampleTest checks (not part of the product).
# Usage: /usr/bin/python3 reference.py <folder with the olist_*.csv.gz files> <from> <to>
import math
import sys

import pandas as pd

folder, start, end = sys.argv[1], pd.Timestamp(sys.argv[2]), pd.Timestamp(sys.argv[3])
orders = pd.read_csv(f"{folder}/olist_orders_dataset.csv.gz", parse_dates=["order_purchase_timestamp"])
customers = pd.read_csv(f"{folder}/olist_customers_dataset.csv.gz", dtype=str)
items = pd.read_csv(f"{folder}/olist_order_items_dataset.csv.gz")

sales = orders[~orders.order_status.isin(["canceled", "unavailable"])]
sales = sales.merge(customers[["customer_id", "customer_unique_id"]], on="customer_id")
sales["revenue"] = sales.order_id.map(items.groupby("order_id").price.sum()).fillna(0)
sales["ts"] = sales.order_purchase_timestamp
day_after = end + pd.Timedelta(days=1)
upto = sales[sales.ts < day_after]
inrange = upto[upto.ts >= start]

# RFM per person; groupby sorts by customer_unique_id, so rank(method="first") breaks ties in id order
g = inrange.groupby("customer_unique_id").agg(last=("ts", "max"), F=("order_id", "nunique"), M=("revenue", "sum"))
g["M"] = g.M.round(2)
g["recency"] = (day_after - g["last"].dt.normalize()).dt.days
g["r"] = pd.qcut(g.recency.rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)
g["f"] = pd.qcut(g.F.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
g["m"] = pd.qcut(g.M.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)


def segment(r, f):
    if r == 5 and f >= 4: return "champions"
    if r in (3, 4) and f >= 4: return "loyal"
    if r >= 4 and f in (2, 3): return "potential_loyalist"
    if r == 5 and f == 1: return "new"
    if r == 4 and f == 1: return "promising"
    if r == 3 and f == 3: return "need_attention"
    if r == 3 and f <= 2: return "about_to_sleep"
    if r <= 2 and f in (3, 4): return "at_risk"
    if r <= 2 and f == 5: return "cant_lose"
    if r == 1 and f == 1: return "lost"
    return "hibernating"


g["segment"] = [segment(r, f) for r, f in zip(g.r, g.f)]
# persons whose F score tie-breaking decided: equal frequencies split over several F scores
bins = g.groupby("F").f.agg(["count", "nunique"])
print("frequency_tie_share", round(bins[bins["nunique"] > 1]["count"].sum() / len(g), 4))
print("customers", len(g), "revenue", round(g.M.sum(), 2))
print("segments", g.segment.value_counts().sort_index().to_dict())
top = g.M.sort_values(ascending=False).head(math.ceil(0.2 * len(g))).sum() / g.M.sum()
print("top20share", round(top, 4))
print("score_counts", g.assign(s=g.r.astype(str) + g.f.astype(str) + g.m.astype(str)).s.value_counts().head(3).to_dict())

# cohorts: month of each person's first sale up to `to`, persons first seen in range
first = upto.groupby("customer_unique_id").ts.min()
first = first[first >= start]
print("cohort_sizes", first.dt.to_period("M").value_counts().sort_index().astype(int).to_dict())

# weekly revenue (ISO weeks starting Monday) of the sales in range
weekly = inrange.groupby(inrange.ts.dt.to_period("W-SUN").dt.start_time).revenue.sum().round(2)
print("weekly", {str(k.date()): float(v) for k, v in weekly.items()})

# lifetime value's inputs: persons with a sale in range, "now" their last sale, the holdout 26 weeks before it
end_ts = inrange.ts.max()
cut = end_ts - pd.Timedelta(weeks=26)
p = inrange.groupby("customer_unique_id").agg(first=("ts", "min"), n=("order_id", "count"))
calibration = p[p["first"] <= cut].index
holdout = inrange[inrange.customer_unique_id.isin(calibration) & (inrange.ts > cut)]
spend = inrange.sort_values(["ts", "order_id"]).groupby("customer_unique_id").revenue.apply(lambda r: r.iloc[1:].mean())
print("ltv", {"persons": len(p), "calibration": len(calibration), "holdout_purchases": len(holdout),
              "repeaters": int(((p.n > 1) & (spend.reindex(p.index).fillna(0) > 0)).sum())})
