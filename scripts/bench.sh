#!/usr/bin/env bash
# The prefecture benchmark: generates the synthetic prefecture (once), loads it through the import path into its own
# embedded cluster in .riskmap/prefecture/ (once), then runs `bench run` and prints its table. Options after the
# script's name go to `bench run` (e.g. --rounds 10 --seconds 30 --phases tiles,ogc).
#   PREFECTURE_ENTERPRISES / PREFECTURE_HAZARDS / PREFECTURE_TOWNSHIPS  size (default 1,000,000 / 3,000,000 / 2,000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh bench
dotnet build -c Release src/RiskMap.Cli >/dev/null
cli=(dotnet src/RiskMap.Cli/bin/Release/net10.0/RiskMap.Cli.dll)
data=.riskmap/prefecture/data
if [ ! -f "$data/districts.geojson" ]; then
  "${cli[@]}" demo-data prefecture --out "$data" --enterprises "${PREFECTURE_ENTERPRISES:-1000000}" \
    --hazards "${PREFECTURE_HAZARDS:-3000000}" --townships "${PREFECTURE_TOWNSHIPS:-2000}"
fi
if [ ! -f .riskmap/prefecture/loaded ]; then
  "${cli[@]}" demo-data load-prefecture --dir "$data"
  touch .riskmap/prefecture/loaded
fi
exec "${cli[@]}" bench run --dir "$data" "$@"
