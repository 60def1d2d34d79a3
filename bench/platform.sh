# Shared by the benchmarks that run the whole platform (bench/dashboard.sh, bench/real-data.sh); sourced, not run.
# Sets and exports PGHOST/PGPORT/PGUSER (from POSTGRES_HOST/PORT/USER), makes WORK (a scratch folder, the caller removes it)
# and PIDS=() (the processes started, the caller stops them). The caller sets ROOT, DB, BASE, REDIS_DB and say().
#
# start_platform: starts the platform from the packaged jars on private ports (gateway BASE, simulator BASE+1, analytics
# BASE+2, metrics BASE+3, dashboard BASE+4; management ports +1000) against database DB (created when missing) and Redis
# database REDIS_DB of REDIS_HOST:REDIS_PORT, with a key pair of its own; sets URL and ADMIN_PASSWORD. Extra environment
# for the services (IMPORTS_ROOT, ...) is inherited.
# token: an admin access token.

PGHOST=${POSTGRES_HOST:-127.0.0.1}
PGPORT=${POSTGRES_PORT:-5432}
PGUSER=${POSTGRES_USER:-postgres}
export PGHOST PGPORT PGUSER
WORK=$(mktemp -d)
PIDS=()

start_platform() {
  local service jar
  for service in gateway simulator-service analytics-service metrics-service dashboard; do
    jar=$ROOT/$service/target/quarkus-app/quarkus-run.jar
    [[ -f $jar ]] || { say "building the jars..."; (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests); break; }
  done
  psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql -X -q -d postgres -c "CREATE DATABASE $DB"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
  openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
  ADMIN_PASSWORD=bench-admin-password
  # copies of the jars: a build running meanwhile rewrites target/ under a running JVM's feet
  for service in gateway simulator-service analytics-service metrics-service dashboard; do
    cp -r "$ROOT/$service/target/quarkus-app" "$WORK/$service"
  done
  local i=0 port
  # the simulator and analytics first (Flyway of schema commerce), the gateway last
  for service in simulator-service analytics-service metrics-service dashboard gateway; do
    case $service in
      gateway) port=$BASE ;; simulator-service) port=$((BASE + 1)) ;; analytics-service) port=$((BASE + 2)) ;;
      metrics-service) port=$((BASE + 3)) ;; dashboard) port=$((BASE + 4)) ;;
    esac
    POSTGRES_HOST=$PGHOST POSTGRES_PORT=$PGPORT POSTGRES_USER=$PGUSER POSTGRES_DB=$DB \
      QUARKUS_REDIS_HOSTS="redis://${REDIS_HOST:-127.0.0.1}:${REDIS_PORT:-6379}/$REDIS_DB" \
      JWT_PUBLIC_KEY=$WORK/public.pem JWT_PRIVATE_KEY=$WORK/private.pem ADMIN_PASSWORD=$ADMIN_PASSWORD \
      SIMULATOR_URL=http://127.0.0.1:$((BASE + 1)) ANALYTICS_URL=http://127.0.0.1:$((BASE + 2)) \
      METRICS_URL=http://127.0.0.1:$((BASE + 3)) DASHBOARD_URL=http://127.0.0.1:$((BASE + 4)) \
      GATEWAY_RATE_LIMIT_ENABLED=false GATEWAY_PROXY_RESPONSE_TIMEOUT=PT180S DB_STATEMENT_TIMEOUT=170s \
      java -Xmx768m -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1000)) \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.management.host=127.0.0.1 \
      -jar "$WORK/$service/quarkus-run.jar" >"$WORK/$service.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 240); do
      curl -fs "localhost:$((port + 1000))/q/health/ready" >/dev/null 2>&1 && break
      kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -40 "$WORK/$service.log"; exit 1; }
      sleep 0.5
    done
    curl -fs "localhost:$((port + 1000))/q/health/ready" >/dev/null || { say "$service is not ready"; tail -40 "$WORK/$service.log"; exit 1; }
    i=$((i + 1))
  done
  URL=http://127.0.0.1:$BASE
}

token() {
  curl -fs -X POST "$URL/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token
}

