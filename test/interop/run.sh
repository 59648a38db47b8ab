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
for bin in knotd kdig named-checkzone; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || { echo "interop: $bin not installed (apt-get install -y knot knot-dnsutils bind9-utils)" >&2; exit 2; }
done
export PATH="$PATH:/usr/sbin"
RUN="$(mktemp -d /tmp/meridian-interop.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM

free_port() { "$BUN" -e 'const s = Bun.listen({hostname:"127.0.0.1",port:0,socket:{data(){}}}); console.log(s.port); s.stop(true)'; }

# ---- Meridian on free ports, embedded defaults otherwise
MERIDIAN_DB="$RUN/meridian.sqlite" MERIDIAN_DNS_HOST=127.0.0.1 MERIDIAN_DNS_PORT=0 MERIDIAN_HTTP_HOST=127.0.0.1 \
MERIDIAN_HTTP_PORT=0 MERIDIAN_ADMIN_TOKEN=interop-admin MERIDIAN_NAMESERVERS=ns1.example.com,ns2.example.com \
  timeout 900 "$BUN" src/main.ts >"$RUN/meridian.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do grep -q "http 127.0.0.1:" "$RUN/meridian.log" 2>/dev/null && break; sleep 0.1; done
DNS_PORT="$(sed -n 's/.*dns udp+tcp 127.0.0.1:\([0-9]*\).*/\1/p' "$RUN/meridian.log")"
HTTP_PORT="$(sed -n 's/.*http 127.0.0.1:\([0-9]*\).*/\1/p' "$RUN/meridian.log")"
[ -n "$DNS_PORT" ] && [ -n "$HTTP_PORT" ] || { cat "$RUN/meridian.log"; exit 1; }
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

"$BUN" test/interop/prepare-queries.ts "$ORACLE/queries" "$RUN/queries"
cp test/interop/queries/*.txt "$RUN/queries/"
DIFF=("$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$KNOT_PORT" --b "127.0.0.1:$DNS_PORT" --queries "$RUN/queries" --known-diffs test/interop/known-diffs.txt --max-time 300)
run() { echo "== diff.ts $*"; "${DIFF[@]}" "$@" >"$RUN/diff.out" 2>&1 || fail=1; grep -E '^(FAIL|  )' "$RUN/diff.out" | head -60 || true; tail -1 "$RUN/diff.out"; }
run --lenient
cat test/interop/known-diffs.txt test/interop/known-diffs-case.txt >"$RUN/known-strict.txt"
run --lenient --strict-case --known-diffs "$RUN/known-strict.txt"
run --lenient --tcp
run --lenient --pipeline
# Meridian alone against every expectation of the oracle and our own files.
echo "== expectations, Meridian alone"
"$BUN" "$ORACLE/diff.ts" --a "127.0.0.1:$DNS_PORT" --queries "$RUN/queries" --max-time 120 >"$RUN/alone.out" 2>&1 || fail=1
grep -E '^(FAIL|  )' "$RUN/alone.out" | head -40 || true
tail -1 "$RUN/alone.out"

[ "$fail" = 0 ] && echo "interop: all passed" || echo "interop: FAILED"
exit "$fail"
