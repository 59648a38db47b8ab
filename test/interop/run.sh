#!/usr/bin/env bash
# Interoperability suite (npm run test:interop): imports ../shared/oracle/zones and our own zones into a real
# Meridian through the API, checks every export with named-checkzone, serves the exports from Knot, and diffs
# Knot against Meridian with ../shared/oracle/diff.ts over UDP, TCP and pipelined TCP. Needs the Debian
# packages knot, knot-dnsutils and bind9-utils. Loopback only; stops only what it started; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
ORACLE="${ORACLE:-$ROOT/../shared/oracle}"
BUN="$ROOT/node_modules/.bin/bun"
for bin in knotd kdig named-checkzone dig zonemaster-cli; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || { echo "interop: $bin not installed (apt-get install -y knot knot-dnsutils knot-module-geoip bind9-utils bind9-dnsutils zonemaster-cli)" >&2; exit 2; }
done
export PATH="$PATH:/usr/sbin"
RUN_NAME=interop
# shellcheck source=lib.sh
source test/interop/lib.sh

# ---- Meridian on free ports, with the geo fixture database, embedded defaults otherwise
"$BUN" test/interop/geo-fixture.ts "$RUN/geo.mmdb"
start_meridian "timeout 900" MERIDIAN_GEOIP_DB="$RUN/geo.mmdb" MERIDIAN_ADMIN_TOKEN=interop-admin MERIDIAN_NAMESERVERS=ns1.example.com,ns2.example.com
echo "interop: meridian dns 127.0.0.1:$DNS_PORT http 127.0.0.1:$HTTP_PORT"

mkdir -p "$RUN/zones"
"$BUN" test/interop/load-zones.ts "http://127.0.0.1:$HTTP_PORT" interop-admin "$RUN/zones" "$ORACLE"/zones/*.zone test/interop/zones/*.zone

# ---- every export must load in BIND
fail=0
for f in "$RUN"/zones/*.zone; do
  z="$(basename "$f" .zone)"
  if named-checkzone -q "$z" "$f"; then echo "named-checkzone: $z OK"; else named-checkzone "$z" "$f"; fail=1; fi
done

# ---- Knot serving the exports
KNOT_PORT="$(free_port)"
bash test/interop/knot.sh "$RUN/zones" "$KNOT_PORT" "$RUN/knot.pid"
PIDS+=("$(cat "$RUN/knot.pid")")
echo "interop: knot 127.0.0.1:$KNOT_PORT"

"$BUN" test/interop/prepare-queries.ts "$ORACLE/queries" "$RUN/oracle-queries"
mkdir -p "$RUN/queries"
cp "$RUN"/oracle-queries/*.txt test/interop/queries/*.txt "$RUN/queries/"
DIFF=("$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$KNOT_PORT" --b "127.0.0.1:$DNS_PORT" --queries "$RUN/queries" --known-diffs test/interop/known-diffs.txt --max-time 300)
run() { echo "== diff.ts $*"; "${DIFF[@]}" "$@" >"$RUN/diff.out" 2>&1 || fail=1; grep -E '^(FAIL|  )' "$RUN/diff.out" | head -60 || true; tail -1 "$RUN/diff.out"; }
run --lenient
cat test/interop/known-diffs.txt test/interop/known-diffs-case.txt >"$RUN/known-strict.txt"
run --lenient --strict-case --known-diffs "$RUN/known-strict.txt"
run --lenient --tcp
run --lenient --pipeline
# Knot on the original oracle files (not our export): importing them must give Knot's answers. The SOA
# serial differs by design (Meridian bumps it on every change); other differences are in known-diffs-original.
KNOT2_PORT="$(free_port)"
mkdir -p "$RUN/knot2"
bash test/interop/knot.sh "$ORACLE/zones" "$KNOT2_PORT" "$RUN/knot2/knot.pid"
PIDS+=("$(cat "$RUN/knot2/knot.pid")")
cat test/interop/known-diffs.txt test/interop/known-diffs-original.txt >"$RUN/known-original.txt"
echo "== diff.ts --lenient --ignore-soa-serial, Knot on the original oracle zone files"
"$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$KNOT2_PORT" --b "127.0.0.1:$DNS_PORT" --queries "$RUN/oracle-queries" --known-diffs "$RUN/known-original.txt" \
  --max-time 300 --lenient --ignore-soa-serial >"$RUN/diff.out" 2>&1 || fail=1
grep -E '^(FAIL|  )' "$RUN/diff.out" | head -60 || true
tail -1 "$RUN/diff.out"
# Meridian alone against every expectation of the oracle and our own files.
echo "== expectations, Meridian alone"
"$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$DNS_PORT" --queries "$RUN/queries" --max-time 120 >"$RUN/alone.out" 2>&1 || fail=1
grep -E '^(FAIL|  )' "$RUN/alone.out" | head -40 || true
tail -1 "$RUN/alone.out"

# ---- GeoDNS: the oracle's geo expectations against Meridian, a diff with Knot + mod-geoip, and kdig +subnet
mkdir -p "$RUN/geo-zones"
"$BUN" test/interop/load-zones.ts "http://127.0.0.1:$HTTP_PORT" interop-admin "$RUN/geo-zones" test/interop/geo/geo.example.zone
echo "== geo expectations, Meridian alone"
"$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$DNS_PORT" --queries "$ORACLE/geo/geo.txt" --max-time 60 >"$RUN/geo.out" 2>&1 || fail=1
grep -E '^(FAIL|  )' "$RUN/geo.out" | head -30 || true
tail -1 "$RUN/geo.out"
echo "== geo diff, Knot + mod-geoip vs Meridian"
GEO_PORT="$(free_port)" GEO_TARGET="127.0.0.1:$DNS_PORT" BUN="$BUN" bash "$ORACLE/geo/run-geo.sh" --known-diffs test/interop/known-diffs-geo.txt >"$RUN/geo-diff.out" 2>&1 || fail=1
grep -E '^(FAIL|  )' "$RUN/geo-diff.out" | head -30 || true
tail -1 "$RUN/geo-diff.out"
echo "== kdig +subnet"
kcheck() { # ECS, expected answer, expected scope (a regular expression)
  local out; out="$(kdig @127.0.0.1 -p "$DNS_PORT" +time=2 +retry=0 www.geo.example A +subnet="$1")"
  if grep -q "IN	A	$2\$" <<<"$out" && grep -Eq "CLIENT-SUBNET: $1/$3\$" <<<"$out"; then echo "kdig +subnet=$1: $2 scope $3 OK"; else echo "kdig +subnet=$1: expected $2 scope $3"; echo "$out"; fail=1; fi
}
kcheck 198.51.100.0/24 192.0.2.10 24            # DE
kcheck 203.0.113.0/24 192.0.2.20 25             # US, scope longer than the source
kcheck 10.9.0.0/16 192.0.2.30 8                 # BR
kcheck 192.0.2.0/24 192.0.2.1 '[1-9][0-9]*'     # unknown: the global record, scope of the empty network (never 0)

# ---- Zonemaster (private network namespace, fake root): Meridian must not exceed Knot's baseline.
echo "== zonemaster, Knot baseline and Meridian"
levels() { awk '$1 ~ /^(CRITICAL|ERROR|WARNING|NOTICE)$/ && $3 == "entries." { n[$1] = $2 } END { printf "CRITICAL=%d ERROR=%d WARNING=%d NOTICE=%d\n", n["CRITICAL"], n["ERROR"], n["WARNING"], n["NOTICE"] }' "$1"; }
BUN="$BUN" timeout 300 bash "$ORACLE/zonemaster/run-zonemaster.sh" >"$RUN/zm-knot.txt" 2>&1 || true
BUN="$BUN" TARGET_CMD="bash $ROOT/test/interop/zonemaster-target.sh" timeout 300 bash "$ORACLE/zonemaster/run-zonemaster.sh" >"$RUN/zm-meridian.txt" 2>&1 || true
ZK="$(levels "$RUN/zm-knot.txt")"; ZM="$(levels "$RUN/zm-meridian.txt")"
echo "knot:     $ZK"; echo "meridian: $ZM"
worse=0
for lvl in CRITICAL ERROR WARNING; do
  k="$(sed -n "s/.*$lvl=\([0-9]*\).*/\1/p" <<<"$ZK")"; m="$(sed -n "s/.*$lvl=\([0-9]*\).*/\1/p" <<<"$ZM")"
  [ "$m" -le "$k" ] || worse=1
done
if [ "$worse" = 0 ] && ! grep -q "ERROR=0 WARNING=0 NOTICE=0" <<<"$ZK$ZM"; then echo "zonemaster: Meridian within Knot's baseline"; else echo "zonemaster: FAILED"; grep -E " (CRITICAL|ERROR|WARNING) " "$RUN/zm-meridian.txt" | head -20; fail=1; fi

[ "$fail" = 0 ] && echo "interop: all passed" || echo "interop: FAILED"
exit "$fail"
