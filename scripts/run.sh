#!/usr/bin/env bash
# Runs the RiskMap service on http://127.0.0.1:5080. Extra arguments go to the service (e.g. --urls http://0.0.0.0:8080).
#
# Without ConnectionStrings__RiskMap: starts the embedded PostgreSQL cluster in .riskmap/postgres (RiskMap.Cli db start;
# attaches when it already runs), keeps it running beside the service (db watch), passes its connection string to the
# service and asks for the demo district (--demo: loaded when the database holds no district). When the service ends,
# a cluster this script started is stopped again.
# With ConnectionStrings__RiskMap: only the service, on that database; demo data only when --demo is given.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
# The command line builds the service with it (project reference); both run from their Release output.
dotnet build src/RiskMap.Cli -c Release -v q -nologo
cli=(dotnet src/RiskMap.Cli/bin/Release/net10.0/RiskMap.Cli.dll)
# The service runs in its output folder (its appsettings.json is there); it finds data/ and wwwroot/ from the checkout.
api_out=src/RiskMap.Api/bin/Release/net10.0
service=(dotnet "$PWD/$api_out/RiskMap.Api.dll" --contentRoot "$PWD/$api_out")

if [ -n "${ConnectionStrings__RiskMap:-}" ]; then
  exec "${service[@]}" "$@"
fi

stop_after=0
"${cli[@]}" db status >/dev/null || stop_after=1
ConnectionStrings__RiskMap="$("${cli[@]}" db start)"
export ConnectionStrings__RiskMap

"${service[@]}" --demo "$@" &
service_pid=$!
"${cli[@]}" db watch --while-pid "$service_pid" &
watch_pid=$!
trap 'kill -TERM "$service_pid" 2>/dev/null || true' INT TERM
status=0
wait "$service_pid" || status=$?
# A second wait: the first returns early when a signal arrives, before the service has finished stopping.
wait "$service_pid" 2>/dev/null || true
kill -TERM "$watch_pid" 2>/dev/null || true
wait "$watch_pid" 2>/dev/null || true
if [ "$stop_after" = 1 ]; then "${cli[@]}" db stop; fi
exit "$status"
