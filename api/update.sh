#!/usr/bin/env bash
# Rewrites api/openapi.json, the platform's API contract, from the running platform: packages every service, starts them all
# with platform-tests' harness, saves the gateway's merged GET /openapi, and runs ApiContractIT's checks on it (parser,
# names, parameters; a failure still leaves the new file, to look at). Commit the file with the change that made it differ;
# clients/java is generated from it on the next build.
# It uses the local PostgreSQL and Redis as the tests do (TEST_DB_SUFFIX, TEST_REDIS_DB_OFFSET, REDIS_PORT, ...); extra
# arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp verify -pl platform-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ApiContractIT -Dfailsafe.failIfNoSpecifiedTests=false -Dopenapi.update=true "$@"
git --no-pager diff --stat -- api/openapi.json
