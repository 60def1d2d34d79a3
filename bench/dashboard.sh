#!/usr/bin/env bash
# How fast each dashboard tab shows its data, in the browser, beside the API calls it makes.
#
#   bench/dashboard.sh [orders]     default 1000000 (the issue's figure); loaded only into an empty database
#
# Starts the platform from the packaged jars on private ports (BENCH_PORT_BASE, default 25080: gateway 25080, simulator
# 25081, analytics 25082, metrics 25083, dashboard 25084; management ports +1000) against database ecom_bench_dashboard
# (BENCH_DB) and Redis database BENCH_REDIS_DB (default 9) of REDIS_HOST:REDIS_PORT, with a key pair of its own. Or uses a running
# platform: BENCH_URL=http://localhost:8080 ADMIN_PASSWORD=... bench/dashboard.sh (nothing is loaded into it then).
# When the database holds no orders, a simulation of about [orders] orders is run through the API (5 years, seed 42).
#
# Then, per tab, with headless Chromium (Debian's chromium + chromedriver) at 1280x800, as admin, default filters (all time):
#   load   a fresh navigation to the tab's URL until the tab's render marker (data-rendered="true": every chart and table
#          of the tab drawn, or its empty or error state shown), read from the page's own clock (performance.now(), which
#          starts at the navigation); includes loading the page, ECharts and the modules
#   click  from another tab, a click on the tab's link until its render marker
#   api    the same API calls the tab makes, sent at once with curl as the browser does (wall time of the group)
# each the median of 5, and the ratios click/api and load/api; the browser's HTTP cache is off (every call reaches the
# server, which may answer from its own caches: a 304 is never what is measured).
#   first  the first click on each tab after the data changed: one live order is placed (POST /api/v1/streams/orders),
#          the bench waits until analytics has computed its opening view of the new data (analytics_cache_opening_views_total
#          on its management port; only on a platform it started), then clicks each tab once, in order. What an analyst
#          sees on opening the dashboard after a load: nothing of the new data was asked for before.
# KEEP=1 leaves the platform running at the end.
# SCREENSHOTS=docs/dashboard also saves one PNG per tab there, at a 1280x800 viewport, after the measurements.
# BENCH_TABS="overview live" measures only those tabs.
set -euo pipefail

ORDERS=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BENCH_PORT_BASE:-25080}
DB=${BENCH_DB:-ecom_bench_dashboard}
REDIS_DB=${BENCH_REDIS_DB:-9}
RUNS=${RUNS:-5}
# PGHOST/PGPORT/PGUSER, WORK, PIDS; start_platform and token
source "$ROOT/bench/platform.sh"
SESSION=""
DRIVER_PORT=""

cleanup() {
  if [[ -n $SESSION ]]; then curl -s -X DELETE "localhost:$DRIVER_PORT/session/$SESSION" >/dev/null || true; fi
  if [[ ${KEEP:-0} != 1 || ${FINISHED:-0} != 1 ]]; then
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  else
    echo "platform left running at $URL (admin / $ADMIN_PASSWORD); logs in $WORK; pids ${PIDS[*]}"
    return
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '%s\n' "$*"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { say "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"; exit 1; }
command -v jq >/dev/null || apt-get install -y jq >/dev/null

load_data() {
  local orders location status
  orders=$(psql -X -q -d "$DB" -tAc "SELECT count(*) FROM commerce.orders")
  if [[ $orders != 0 ]]; then say "database $DB holds $orders orders"; return; fi
  say "simulating about $ORDERS orders (5 years, seed 42) into $DB..."
  # the default profile makes 2.878 orders per customer acquired in the five years (bench/simulate.sh)
  location=$(curl -fs -D - -o /dev/null -X POST "$URL/api/v1/simulations" -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/json' \
    -d "{\"years\":5,\"customersPerYear\":$((ORDERS * 1000 / 2878 / 5)),\"productsPerYear\":200,\"seed\":42}" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  while :; do
    status=$(curl -fs -H "Authorization: Bearer $(token)" "$location")
    printf '\r  %s %s%%   ' "$(jq -r .status <<<"$status")" "$(jq -r .percent <<<"$status")"
    case $(jq -r .status <<<"$status") in COMPLETED) break ;; FAILED | CANCELLED) say "$status"; exit 1 ;; esac
    sleep 2
  done
  say ""
  say "loaded $(psql -X -q -d "$DB" -tAc "SELECT count(*) FROM commerce.orders") orders"
}

if [[ -n ${BENCH_URL:-} ]]; then
  URL=$BENCH_URL
  [[ -n ${ADMIN_PASSWORD:-} ]] || { say "BENCH_URL needs ADMIN_PASSWORD"; exit 1; }
else
  start_platform
  load_data
fi
[[ ${BENCH_SKIP_MEASURE:-0} == 1 ]] && { KEEP=1 FINISHED=1; exit 0; }

# The API calls each tab makes on opening with the default filters (all time), as in dashboard/.../app/tabs/*.js.
A=/api/v1/analytics
declare -A CALLS=(
  [overview]="$A/financial/summary $A/financial/timeseries?granularity=day"
  [cohorts]="$A/cohorts/retention?granularity=month"
  [customers]="$A/customers/rfm/segments $A/customers/rfm?sort=monetary&page=0&size=25"
  [ltv]="$A/customers/ltv?months=12&page=0&size=100"
  [products]="$A/products/top?by=revenue&limit=10 $A/products/lifecycle?limit=100 $A/products/combinations?limit=20"
  [geography]="$A/geo/states $A/geo/regions"
  [forecast]="$A/forecast/revenue?horizonWeeks=8&model=auto $A/financial/timeseries?granularity=week"
  [anomalies]="$A/anomalies/orders?method=isolation-forest&limit=200"
  [live]="/api/v1/metrics/today /api/v1/metrics/regions /api/v1/metrics/top-products?limit=10"
  [admin]="/api/v1/simulations?limit=5 /api/v1/streams/orders /api/v1/users" # the data-quality report waits for its button
)
TABS=(overview cohorts customers ltv products geography forecast anomalies live admin)
read -r -a MEASURED <<<"${BENCH_TABS:-${TABS[*]}}"
TOKEN=$(token)

api_time() { # wall time of one tab's calls sent at once; a call that is not a 200 is noted in $WORK/failures
  local start end call
  local calls=()
  start=$(date +%s.%N)
  for call in ${CALLS[$1]}; do
    (code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 -H "Authorization: Bearer $TOKEN" "$URL$call")
      [[ $code == 200 ]] || echo "$1 $call $code" >>"$WORK/failures") &
    calls+=($!)
  done
  wait "${calls[@]}" # only these: the services started above are children too
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

say "warming up (the first call after a bulk load waits for the sales mart)..."
for tab in "${TABS[@]}"; do api_time "$tab" >/dev/null; done

# chromedriver on a free port, one headless Chromium session
DRIVER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/chromedriver --port="$DRIVER_PORT" >"$WORK/chromedriver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do curl -fs "localhost:$DRIVER_PORT/status" >/dev/null 2>&1 && break; sleep 0.25; done
wd() { # method path [json]
  curl -fs -X "$1" "localhost:$DRIVER_PORT$2" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
SESSION=$(wd POST /session "$(jq -n --arg dir "$WORK/chrome" '{capabilities: {alwaysMatch: {browserName: "chrome",
  "goog:chromeOptions": {binary: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu",
  "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run", "--window-size=1280,800", ("--user-data-dir=" + $dir)]}}}}')" | jq -r .value.sessionId)
S=/session/$SESSION
wd POST "$S/timeouts" '{"script": 300000, "pageLoad": 120000}' >/dev/null
# the page's viewport at exactly 1280x800 (a headless window's size includes what it reserves besides the page)
wd POST "$S/goog/cdp/execute" '{"cmd": "Emulation.setDeviceMetricsOverride", "params": {"width": 1280, "height": 800,
  "deviceScaleFactor": 1, "mobile": false}}' >/dev/null
js() { # script [args json] -> value
  wd POST "$S/execute/$1" "$(jq -n --arg s "$2" --argjson a "${3:-[]}" '{script: $s, args: $a}')" | jq -r .value
}

# every call reaches the server: what is measured is the data arriving, not a browser reusing an answer
wd POST "$S/goog/cdp/execute" '{"cmd": "Network.enable", "params": {}}' >/dev/null
wd POST "$S/goog/cdp/execute" '{"cmd": "Network.setCacheDisabled", "params": {"cacheDisabled": true}}' >/dev/null
wd POST "$S/url" "{\"url\":\"$URL/\"}" >/dev/null
js async "const [user, password, done] = arguments;
  const wait = () => document.querySelector('#login-form') ? go() : setTimeout(wait, 50);
  const go = () => { document.querySelector('#username').value = user; document.querySelector('#password').value = password;
    document.querySelector('#login-form').requestSubmit();
    const ready = () => document.querySelector('nav.tabs') ? done('ok') : setTimeout(ready, 50); ready(); };
  wait();" "[\"admin\", \"$ADMIN_PASSWORD\"]" >/dev/null

# in the page: waits for the tab's render marker, answers the marker's time (ms on the page's clock)
MARKER="const [tab, done] = arguments; const t = () => { const s = document.querySelector('section.tab[data-tab=\"' + tab + '\"][data-rendered=\"true\"]');
  s ? done(Number(s.dataset.renderedAt)) : setTimeout(t, 10); }; t();"
ERRORS="return [...document.querySelectorAll('.panel[data-state=\"error\"]')].map(p => p.dataset.panel + ': ' + p.innerText.replace(/\\s+/g, ' ').slice(0, 120)).join('; ');"
CLICK="const [tab, done] = arguments; const link = document.querySelector('nav.tabs a[data-tab=\"' + tab + '\"]');
  const t0 = performance.now(); link.click(); const t = () => { const s = document.querySelector('section.tab[data-tab=\"' + tab + '\"][data-rendered=\"true\"]');
  s ? done(Number(s.dataset.renderedAt) - t0) : setTimeout(t, 10); }; t();"

printf '\n%-11s %9s %9s %9s %9s %9s   (medians of %d, seconds; %s)\n' tab load click api click/api load/api "$RUNS" \
  "$(psql -X -q -d "$DB" -tAc "SELECT count(*) FROM commerce.orders" 2>/dev/null || echo '?') orders"
for tab in "${MEASURED[@]}"; do
  TOKEN=$(token) # an access token lives 15 minutes; a slow tab's five runs can take longer than that
  : >"$WORK/load"; : >"$WORK/click"; : >"$WORK/api"
  for run in $(seq 1 "$RUNS"); do
    wd POST "$S/url" "{\"url\":\"$URL/?run=$run#/$tab\"}" >/dev/null
    js async "$MARKER" "[\"$tab\"]" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$WORK/load"
    failed=$(js sync "$ERRORS")
    [[ -z $failed ]] || echo "$tab (browser) $failed" >>"$WORK/failures"
    other=overview; [[ $tab == overview ]] && other=geography
    wd POST "$S/url" "{\"url\":\"$URL/?run=c$run#/$other\"}" >/dev/null
    js async "$MARKER" "[\"$other\"]" >/dev/null
    js async "$CLICK" "[\"$tab\"]" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$WORK/click"
    api_time "$tab" >>"$WORK/api"
  done
  L=$(median <"$WORK/load"); C=$(median <"$WORK/click"); P=$(median <"$WORK/api")
  printf '%-11s %9.3f %9.3f %9.3f %9.2f %9.2f\n' "$tab" "$L" "$C" "$P" \
    "$(awk -v c="$C" -v p="$P" 'BEGIN { print c / p }')" "$(awk -v c="$L" -v p="$P" 'BEGIN { print c / p }')"
done
opening_views() { # how many whole opening views analytics has computed (0 when its management port is not ours)
  curl -fs "localhost:$((BASE + 1002))/q/metrics" 2>/dev/null \
    | awk '/^analytics_cache_opening_views_total/ { n += $NF } END { print n + 0 }'
}
if [[ -z ${BENCH_URL:-} ]]; then
  before=$(opening_views)
  curl -fs -o /dev/null -X POST "$URL/api/v1/streams/orders" -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/json' -d '{"ordersPerSecond":1,"durationSeconds":1}'
  say ""
  say "one live order placed; waiting for analytics' opening view of the new data..."
  start=$(date +%s)
  until (($(opening_views) > before)); do
    (($(date +%s) - start < 600)) || { say "no opening view after 600 s"; break; }
    sleep 1
  done
  say "opening view computed $(($(date +%s) - start)) s after the order was placed"
  TOKEN=$(token)
  wd POST "$S/url" "{\"url\":\"$URL/?first=1#/admin\"}" >/dev/null
  js async "$MARKER" "[\"admin\"]" >/dev/null
  printf '%-11s %9s   (the first click on each tab after the data changed, seconds)\n' tab first
  for tab in "${MEASURED[@]}"; do
    printf '%-11s %9.3f\n' "$tab" "$(js async "$CLICK" "[\"$tab\"]" | awk '{ printf "%.3f\n", $1 / 1000 }')"
    failed=$(js sync "$ERRORS")
    [[ -z $failed ]] || echo "$tab (browser, first) $failed" >>"$WORK/failures"
  done
fi
if [[ -s $WORK/failures ]]; then
  say ""
  say "calls that did not answer 200 (tab, call, status) and panels that showed an error:"
  sort "$WORK/failures" | uniq -c
fi
say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -n ${SCREENSHOTS:-} ]]; then
  mkdir -p "$SCREENSHOTS"
  for tab in "${TABS[@]}"; do
    wd POST "$S/url" "{\"url\":\"$URL/?shot=1#/$tab\"}" >/dev/null
    js async "$MARKER" "[\"$tab\"]" >/dev/null
    wd GET "$S/screenshot" | jq -r .value | base64 -d >"$SCREENSHOTS/$tab.png"
  done
  say "screenshots in $SCREENSHOTS"
fi
FINISHED=1
