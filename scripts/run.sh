#!/usr/bin/env bash
# Runs the RiskMap service on http://127.0.0.1:5080 with the demo district, on its embedded PostgreSQL unless
# ConnectionStrings__RiskMap is set. Extra arguments go to the service (e.g. --urls http://0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
exec dotnet run --project src/RiskMap.Api -c Release -- "$@"
