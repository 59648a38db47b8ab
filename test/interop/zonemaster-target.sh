#!/usr/bin/env bash
# Started by ../shared/oracle/zonemaster/run-zonemaster.sh (TARGET_CMD) inside its private network namespace:
# Meridian on 127.0.0.1:53 and 127.0.0.2:53 (the fake root holds 127.0.0.10:53) serving $ZONEFILE as example.com, imported through the
# API. Runs until the harness stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUN="$PWD/node_modules/.bin/bun"
RUN="$(mktemp -d /tmp/meridian-zm.XXXXXX)"
MERIDIAN_DB="$RUN/db.sqlite" MERIDIAN_DNS_HOST=127.0.0.1,127.0.0.2 MERIDIAN_DNS_PORT=53 MERIDIAN_HTTP_HOST=127.0.0.1 MERIDIAN_HTTP_PORT=0 \
MERIDIAN_ADMIN_TOKEN=zonemaster MERIDIAN_NAMESERVERS=ns1.example.com,ns2.example.com "$BUN" src/main.ts >"$RUN/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; sleep 0.3; rm -rf "$RUN" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do grep -q "http 127.0.0.1:" "$RUN/log" 2>/dev/null && break; sleep 0.1; done
PORT="$(sed -n 's/.*http 127.0.0.1:\([0-9]*\).*/\1/p' "$RUN/log")"
[ -n "$PORT" ] || { cat "$RUN/log"; exit 1; }
mkdir -p "$RUN/out"
"$BUN" test/interop/load-zones.ts "http://127.0.0.1:$PORT" zonemaster "$RUN/out" "$ZONEFILE"
wait "$PID"
