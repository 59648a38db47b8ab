#!/usr/bin/env bash
# Starts knotd on 127.0.0.1:$2 serving every *.zone in $1 (file name = zone name + "zone"), writes its PID to
# $3. Used by run.sh and bench/. Knot's own config and state live beside the PID file.
set -euo pipefail
ZONES="$1"; PORT="$2"; PIDFILE="$3"
RUN="$(dirname "$PIDFILE")/knot"
mkdir -p "$RUN/storage"
{
  cat <<CONF
server:
    rundir: "$RUN"
    listen: 127.0.0.1@$PORT
    identity: ""
    version: ""
    nsid: ""
    edns-client-subnet: on
    udp-workers: ${KNOT_WORKERS:-1}
    tcp-workers: 1
    background-workers: 1
database:
    storage: "$RUN/storage"
control:
    listen: "$RUN/knot.sock"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$ZONES"
    file: "%s.zone"
    zonefile-sync: -1
    journal-content: none
zone:
CONF
  for f in "$ZONES"/*zone; do z="$(basename "$f")"; echo "  - domain: \"${z%zone}\""; done
} > "$RUN/knot.conf"
KNOTD="$(command -v knotd || echo /usr/sbin/knotd)"
"$KNOTD" -c "$RUN/knot.conf" >"$RUN/stderr.log" 2>&1 &
echo $! > "$PIDFILE"
for _ in $(seq 1 50); do
  if kdig @127.0.0.1 -p "$PORT" +time=1 +retry=0 "$(basename "$(ls "$ZONES"/*zone | head -1)" | sed 's/zone$//')" SOA 2>/dev/null | grep -q NOERROR; then exit 0; fi
  sleep 0.1
done
kill "$(cat "$PIDFILE")" 2>/dev/null || true
echo "knot did not start:" >&2; cat "$RUN/stderr.log" >&2; exit 1
