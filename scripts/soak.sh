#!/usr/bin/env bash
# Load and fault run of the deployment in README "Deploying for a city or province", on this machine, loopback only:
# a primary PostgreSQL and a streaming standby (pg_basebackup -R, synchronous replication), two service instances
# (separate processes) behind a local round-robin proxy, and 32 clients of mixed load (map, lists, tiles, one write per
# second: a new account, audited).
#   1. one instance behind the proxy, PHASE seconds: throughput of one;
#   2. two instances, SOAK seconds (default 60): throughput of two over the first third; kill -9 of one instance at
#      one third; the primary stopped (immediate) at two thirds; the standby promoted (pg_ctl promote) 5 s later.
# Reports requests, errors and throughput per window, the ratio two/one, and checks that every acknowledged write is in
# the audit log once and no refused write is. Everything lives in a temporary folder, removed at the end.
# Usage: scripts/soak.sh [SOAK_SECONDS]     (environment: CONCURRENCY=32, PHASE=20)
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK=${1:-60}
CONCURRENCY=${CONCURRENCY:-32}
PHASE=${PHASE:-20}
PGBIN=${RISKMAP_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
WORK=$(mktemp -d /tmp/riskmap-soak-XXXXXX)
chmod 755 "$WORK"
PIDS=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for d in primary standby; do [ -f "$WORK/$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" stop -D "$WORK/$d" -m immediate >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (Release)"
dotnet build src/RiskMap.Api -c Release -v q -nologo >/dev/null

echo "== primary and standby in $WORK"
PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$PASSWORD" > "$WORK/password"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$WORK"
P1=$(free_port); P2=$(free_port)
as_pg "$PGBIN/initdb" -D "$WORK/primary" -U riskmap --pwfile "$WORK/password" -A scram-sha-256 -E UTF8 --locale C.UTF-8 >/dev/null
cat >> "$WORK/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$WORK'
max_connections = 300
EOF
as_pg "$PGBIN/pg_ctl" start -D "$WORK/primary" -l "$WORK/primary.log" -w >/dev/null
export PGPASSWORD=$PASSWORD
psql -qAt -h 127.0.0.1 -p "$P1" -U riskmap postgres -c "CREATE DATABASE riskmap"
psql -qAt -h 127.0.0.1 -p "$P1" -U riskmap riskmap -c "CREATE EXTENSION postgis"
as_pg "$PGBIN/pg_basebackup" -d "host=127.0.0.1 port=$P1 user=riskmap password=$PASSWORD" -D "$WORK/standby" -R -X stream -c fast
sed -i "s/^port = $P1/port = $P2/" "$WORK/standby/postgresql.conf"
as_pg "$PGBIN/pg_ctl" start -D "$WORK/standby" -l "$WORK/standby.log" -w >/dev/null
# Synchronous replication: a commit is acknowledged once the standby has it (set on the primary only).
psql -qAt -h 127.0.0.1 -p "$P1" -U riskmap postgres -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null

CS="Host=127.0.0.1:$P1,127.0.0.1:$P2;Database=riskmap;Username=riskmap;Password=$PASSWORD;Host Recheck Seconds=2;Timeout=5"
A=$(free_port); B=$(free_port); PROXY=$(free_port)
start_instance() { # port, log
  ConnectionStrings__RiskMap="$CS" RiskMap__Database__SeedDemoData=true ASPNETCORE_ENVIRONMENT=Production \
    RISKMAP_DEMO_PASSWORD="Soak-Passw0rd-RiskMap" \
    dotnet src/RiskMap.Api/bin/Release/net10.0/RiskMap.Api.dll --urls "http://127.0.0.1:$1" >"$2" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$1/health/live" >/dev/null && return 0; sleep 1; done
  echo "instance on $1 did not start; see $2"; exit 1
}
echo "== instance A on $A (loads the demo district on first start)"
start_instance "$A" "$WORK/a.log"; PID_A=${PIDS[-1]}
echo "== instance B on $B"
start_instance "$B" "$WORK/b.log"; PID_B=${PIDS[-1]}

cat > "$WORK/soak.py" <<'PY'
import asyncio, http.client, json, os, random, subprocess, sys, threading, time, urllib.request
proxy_port, a, b, soak, conc, phase = (int(x) for x in sys.argv[1:7])
work, pgbin = sys.argv[7], sys.argv[8]
backends = [a]

# A round-robin TCP proxy that skips a backend refusing connections (as nginx's proxy_next_upstream error does).
async def pipe(r, w):
    try:
        while data := await r.read(65536):
            w.write(data); await w.drain()
    except Exception: pass
    finally:
        try: w.close()
        except Exception: pass
turn = 0
async def handle(cr, cw):
    global turn
    for _ in range(len(backends)):
        port = backends[turn % len(backends)]; turn += 1
        try:
            br, bw = await asyncio.open_connection("127.0.0.1", port); break
        except OSError: continue
    else:
        cw.close(); return
    await asyncio.gather(pipe(cr, bw), pipe(br, cw))
def serve():
    loop = asyncio.new_event_loop()
    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", proxy_port, backlog=512)
        async with server: await server.serve_forever()
    loop.run_until_complete(main())
threading.Thread(target=serve, daemon=True).start(); time.sleep(0.5)

def login():
    c = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=30)
    c.request("POST", "/api/v1/auth/login", json.dumps({"userName": "admin", "password": "Soak-Passw0rd-RiskMap"}), {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 200: sys.exit(f"sign-in failed: {r.status}")
    return r.getheader("Set-Cookie").split(";")[0]
cookie = login()
districts = json.loads(urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{proxy_port}/api/v1/districts/", headers={"Cookie": cookie})).read())
district = districts[0]["code"] if isinstance(districts, list) else districts["districts"][0]["code"]
reads = [f"/api/v1/districts/", f"/api/v1/townships/choropleth?district={district}", f"/api/v1/enterprises/?district={district}&pageSize=50",
         f"/api/v1/statistics/?district={district}&from=2020-01-01&to=2020-09-30", f"/api/v1/tiles/enterprises/12/3365/1730.mvt",
         f"/api/v1/hazards/?district={district}&pageSize=50"]
log, lock, stop = [], threading.Lock(), threading.Event()
written = []  # (name, status)
def worker(i):
    conn = None
    while not stop.is_set():
        path = random.choice(reads); t0 = time.monotonic(); status = 0
        try:
            if conn is None: conn = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=15)
            conn.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "en"}); r = conn.getresponse(); r.read(); status = r.status
        except Exception:
            conn = None
        with lock: log.append((t0, status, "read"))
def writer():
    n = 0
    while not stop.is_set():
        n += 1; name = f"soak-{os.getpid()}-{n}"; t0 = time.monotonic(); status = 0
        try:
            c = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=15)
            c.request("POST", "/api/v1/users/", json.dumps({"userName": name, "password": "Soak-Passw0rd-RiskMap", "role": "DistrictLeader"}),
                      {"Cookie": cookie, "Content-Type": "application/json", "Accept-Language": "en"})
            r = c.getresponse(); r.read(); status = r.status
        except Exception: pass
        with lock: log.append((t0, status, "write")); written.append((name, status))
        time.sleep(max(0, 1 - (time.monotonic() - t0)))
def run(seconds, events=()):
    stop.clear(); start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(conc - 1)] + [threading.Thread(target=writer)]
    for t in threads: t.start()
    for at, what in events:
        time.sleep(max(0, start + at - time.monotonic())); what()
    time.sleep(max(0, start + seconds - time.monotonic())); stop.set()
    for t in threads: t.join()
    return start
def window(start, lo, hi, label):
    rows = [r for r in log if start + lo <= r[0] < start + hi]
    ok = sum(1 for r in rows if 200 <= r[1] < 400 or r[1] == 404); err = len(rows) - ok
    w503 = sum(1 for r in rows if r[2] == "write" and r[1] == 503)
    print(f"{label:<44} {len(rows):>7} requests {ok/(hi-lo):>8.1f}/s ok, {err:>5} errors ({w503} writes answered 503)")
    return ok / (hi - lo)
print(f"== 1. one instance, {phase} s, concurrency {conc}")
s1 = run(phase); one = window(s1, 0, phase, "one instance")
log.clear(); backends.append(b)
third = soak / 3
def kill_b(): print(f"   kill -9 instance B at {third:.0f} s"); subprocess.run(["kill", "-9", str(os.environ["PID_B"])])
def stop_primary():
    print(f"   primary stopped (immediate) at {2*third:.0f} s")
    subprocess.run(os.environ["AS_PG"].split() + [f"{pgbin}/pg_ctl", "stop", "-D", f"{work}/primary", "-m", "immediate"], capture_output=True)
def promote():
    print(f"   standby promoted at {2*third+5:.0f} s")
    subprocess.run(os.environ["AS_PG"].split() + [f"{pgbin}/pg_ctl", "promote", "-D", f"{work}/standby", "-w"], capture_output=True)
print(f"== 2. two instances, {soak} s")
s2 = run(soak, [(third, kill_b), (2 * third, stop_primary), (2 * third + 5, promote)])
two = window(s2, 0, third, "two instances")
window(s2, third, 2 * third, "one instance left (B killed)")
window(s2, 2 * third, 2 * third + 5, "primary stopped, not yet promoted")
window(s2, 2 * third + 5, soak, "after promotion")
print(f"throughput two/one instances: {two/one:.2f}")
acknowledged = sorted(n for n, s in written if s == 201); refused = sorted(n for n, s in written if s not in (0, 201))
inflight = sorted(n for n, s in written if s == 0)
out = subprocess.run(["psql", "-qAt", "-h", "127.0.0.1", "-p", os.environ["P2"], "-U", "riskmap", "riskmap", "-c",
    "SELECT u.user_name, (SELECT count(*) FROM audit_log a WHERE a.action = 'user.create' AND a.entity_id = u.id) FROM users u WHERE u.user_name LIKE 'soak-%'"],
    capture_output=True, text=True).stdout.split()
stored = dict(line.split("|") for line in out)
lost = [n for n in acknowledged if stored.get(n) != "1"]; ghost = [n for n in refused if n in stored]
print(f"writes: {len(acknowledged)} acknowledged, {len(refused)} refused (503 and others), {len(inflight)} cut off in flight "
      f"({sum(1 for n in inflight if n in stored)} of them stored); acknowledged but lost or not audited once: {len(lost)}; refused but stored: {len(ghost)}")
sys.exit(1 if lost or ghost else 0)
PY
AS_PG=$([ "$(id -u)" = 0 ] && echo "runuser -u postgres --" || echo "")
echo "== load"
PID_B=$PID_B P2=$P2 AS_PG="$AS_PG" python3 "$WORK/soak.py" "$PROXY" "$A" "$B" "$SOAK" "$CONCURRENCY" "$PHASE" "$WORK" "$PGBIN"
