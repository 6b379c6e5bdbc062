#!/usr/bin/env bash
# Runs every test of RiskMap: unit, integration (real PostgreSQL + PostGIS clusters the tests create) and browser
# (Debian's Chromium). Extra arguments go to dotnet test (e.g. --filter FullyQualifiedName~Statistics), which runs the
# Debug build made just before.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# Build once, then run the three test projects side by side: inside `dotnet test` MSBuild keeps each project on the
# node that built it, and the integration tests waited for the browser tests to end.
dotnet build RiskMap.sln
exec dotnet test RiskMap.sln --no-build -m:3 "$@"
