#!/usr/bin/env bash
# Runs every test of RiskMap: unit, integration (real PostgreSQL + PostGIS clusters the tests create) and browser
# (Debian's Chromium). Extra arguments go to dotnet test (e.g. --filter FullyQualifiedName~Statistics).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec dotnet test RiskMap.sln "$@"
