# Shell helpers sourced by test/interop/run.sh and bench/dnsperf.sh (run from the project root, with $BUN set):
# a run folder, the PIDs this run started and a cleanup that stops only those (then removes their files), a
# free loopback port, and Meridian started on 127.0.0.1 with both ports picked by the kernel.
RUN="$(mktemp -d "/tmp/meridian-${RUN_NAME:-run}.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  # Wait for them to exit before removing their files (Knot writes until it is gone).
  for p in "${PIDS[@]:-}"; do
    for _ in $(seq 1 20); do [ -n "$p" ] && kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$RUN" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

free_port() { "$BUN" -e 'const s = Bun.listen({hostname:"127.0.0.1",port:0,socket:{data(){}}}); console.log(s.port); s.stop(true)'; }

# start_meridian "PREFIX" [NAME=VALUE ...]: runs `PREFIX bun src/main.ts` (PREFIX: taskset, timeout, or "")
# with those settings on top of loopback defaults; sets M_PID, DNS_PORT and HTTP_PORT.
start_meridian() {
  local prefix="$1"; shift
  # shellcheck disable=SC2086 # the prefix is words on purpose
  env MERIDIAN_DB="$RUN/meridian.sqlite" MERIDIAN_DNS_HOST=127.0.0.1 MERIDIAN_DNS_PORT=0 MERIDIAN_HTTP_HOST=127.0.0.1 \
    MERIDIAN_HTTP_PORT=0 "$@" $prefix "$BUN" src/main.ts >"$RUN/meridian.log" 2>&1 &
  M_PID=$!
  PIDS+=("$M_PID")
  for _ in $(seq 1 100); do grep -q "http 127.0.0.1:" "$RUN/meridian.log" 2>/dev/null && break; sleep 0.1; done
  DNS_PORT="$(sed -n 's/.*dns udp+tcp 127.0.0.1:\([0-9]*\).*/\1/p' "$RUN/meridian.log")"
  HTTP_PORT="$(sed -n 's/.*http 127.0.0.1:\([0-9]*\).*/\1/p' "$RUN/meridian.log")"
  [ -n "$DNS_PORT" ] && [ -n "$HTTP_PORT" ] || { cat "$RUN/meridian.log" >&2; exit 1; }
}
