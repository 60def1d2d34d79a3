# Sourced by bench/forecast.sh and bench/anomaly.sh: checks the benchmark database, starts analytics-service on it with a
# throw-away key pair, and mints an analyst token signed with that key. Stops the service on exit (or on stop_service, so
# another can start with other settings).
# Needs: psql, curl, jq, openssl, and PostgreSQL on POSTGRES_HOST (127.0.0.1) as POSTGRES_USER (postgres).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGHOST_="${POSTGRES_HOST:-127.0.0.1}"
PGUSER_="${POSTGRES_USER:-postgres}"
JAR="$ROOT/analytics-service/target/quarkus-app/quarkus-run.jar"

sql() { psql -h "$PGHOST_" -U "$PGUSER_" -d "$BENCH_DB" -tAX -c "$1"; }

require_simulated_data() {
  if ! psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -tAX -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1; then
    echo "database '$BENCH_DB' does not exist: generate a data set first, e.g." >&2
    echo "  POSTGRES_DB=$BENCH_DB java -jar simulator-service/target/quarkus-app/quarkus-run.jar simulate --years 5" >&2
    exit 2
  fi
  local orders
  orders=$(sql "SELECT count(*) FROM commerce.orders" 2>/dev/null || echo 0)
  if [ "${orders:-0}" -eq 0 ]; then
    echo "database '$BENCH_DB' holds no orders (schema commerce): load a simulated data set into it first" >&2
    exit 2
  fi
  echo "$orders"
}

stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$KEYS"
}

start_service() {
  local port="$1"
  if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -ntp -q -pl analytics-service -am package -DskipTests) || exit 1
  fi
  KEYS=$(mktemp -d)
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
  # every call computes: with the Redis cache on, a second run would time the cache, and the opening view (computed ahead
  # after each data change) would compete for the processors with the calls timed
  ANALYTICS_CACHE_ENABLED=false POSTGRES_DB="$BENCH_DB" QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=$((port + 1000)) JWT_PUBLIC_KEY="$KEYS/public.pem" \
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$KEYS/service.log" 2>&1 &
  SERVICE_PID=$!
  trap stop_service EXIT
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null; then
      TOKEN=$(mint_token)
      return 0
    fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "analytics-service did not start; its log:" >&2
      tail -20 "$KEYS/service.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "analytics-service not ready after 120 s" >&2
  exit 1
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

mint_token() {
  local now header payload signature
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","aud":"%s","upn":"bench","groups":["viewer","analyst"],"iat":%d,"exp":%d}' \
    "${JWT_ISSUER:-https://ecommerce-analytics/gateway}" "${JWT_AUDIENCE:-ecommerce-analytics}" "$now" $((now + 3600)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEYS/private.pem" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

api() { curl -sf --max-time 900 -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
