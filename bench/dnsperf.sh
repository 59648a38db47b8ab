#!/usr/bin/env bash
# Whole-server benchmark: Meridian, Knot, NSD and the Bun floor (bench/floor.ts) serve the same generated zone
# (Meridian imports it through the API; Knot and NSD load Meridian's export). Each server is pinned to CPU 0 and
# dnsperf to CPU 1, on 127.0.0.1 only. For each server it prints queries/s at saturation, server CPU µs per
# query at a fixed rate (utime+stime from /proc), average and p99 latency at that rate, and Meridian's ratios;
# then Meridian on geo-targeted names with an ECS option on every query (dnsperf -E) against its plain figures.
# Every figure is measured ROUNDS times (default 3), servers interleaved, and the median is printed, since this
# shared machine's figures (the p99 above all) move between runs.
# Usage: bench/dnsperf.sh [NAMES=10000] [SECONDS=10] [RATE=20000]. Every process it starts is stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES="${1:-10000}"; SECS="${2:-10}"; RATE="${3:-20000}"
BUN="$PWD/node_modules/.bin/bun"
export PATH="$PATH:/usr/sbin"
for bin in dnsperf knotd nsd taskset; do command -v "$bin" >/dev/null || { echo "bench: $bin missing (apt-get install -y dnsperf knot nsd)" >&2; exit 2; }; done
RUN_NAME=bench
# shellcheck source=../test/interop/lib.sh
source test/interop/lib.sh
CLK_TCK="$(getconf CLK_TCK)"
# utime + stime; the command name may hold spaces (NSD renames itself "nsd: main"), so count after its ")".
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

mkdir -p "$RUN/zones"
"$BUN" bench/gen-zone.ts bench.example. "$NAMES" "$RUN"

start_meridian "taskset -c 0" MERIDIAN_ADMIN_TOKEN=bench
"$BUN" test/interop/load-zones.ts "http://127.0.0.1:$HTTP_PORT" bench "$RUN/zones" "$RUN/bench.zone" >/dev/null

K_PORT="$(free_port)"
taskset -c 0 bash test/interop/knot.sh "$RUN/zones" "$K_PORT" "$RUN/knot.pid"
K_PID="$(cat "$RUN/knot.pid")"; PIDS+=("$K_PID")

N_PORT="$(free_port)"
mkdir -p "$RUN/nsd"
cat >"$RUN/nsd/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$N_PORT
    port: $N_PORT
    do-ip6: no
    username: ""
    chroot: ""
    zonesdir: "$RUN/zones"
    database: ""
    zonelistfile: "$RUN/nsd/zone.list"
    xfrdfile: "$RUN/nsd/xfrd.state"
    xfrdir: "$RUN/nsd"
    pidfile: "$RUN/nsd/nsd.pid"
    logfile: "$RUN/nsd/nsd.log"
    server-count: 1
    rrl-ratelimit: 0
    verbosity: 0
remote-control:
    control-enable: no
zone:
    name: "bench.example."
    zonefile: "bench.example.zone"
CONF
taskset -c 0 nsd -d -c "$RUN/nsd/nsd.conf" >"$RUN/nsd/stderr.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$RUN/nsd/nsd.pid" ] && kdig @127.0.0.1 -p "$N_PORT" +time=1 +retry=0 bench.example. SOA 2>/dev/null | grep -q NOERROR && break; sleep 0.1; done
# NSD forks its serving and transfer processes: measure every process running this config.
sleep 0.5
N_PIDS="$(pgrep -f "$RUN/nsd/nsd.conf" | tr '\n' ' ')"

F_PORT="$(free_port)"
taskset -c 0 "$BUN" bench/floor.ts "$F_PORT" >/dev/null &
F_PID=$!; PIDS+=("$F_PID")
# Every server shares CPU 0: let their start-up work finish before the first measurement.
sleep "${SETTLE:-5}"

declare -A QPS CPU AVG P99 RUNS_CPU RUNS_AVG RUNS_P99 WARM
QUERIES="$RUN/queries.txt"; EXTRA=()
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # name port pids... -> appends one fixed-rate run's CPU µs/query, average and p99 (ms)
  local name="$1" port="$2"; shift 2; local pids="$*"
  # The first run of each server follows a warm-up at the fixed rate (JIT tiers settle; the same for every server).
  if [ -z "${WARM[$name]:-}" ]; then
    taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$QUERIES" "${EXTRA[@]}" -l "${WARMUP:-5}" -Q "$RATE" >/dev/null 2>&1 || true
    WARM[$name]=1
  fi
  local before=0 after=0 p cpu avg p99
  for p in $pids; do before=$((before + $(cpu_ticks "$p"))); done
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$port" -d "$QUERIES" "${EXTRA[@]}" -l "$SECS" -Q "$RATE" -v >"$RUN/rate.out" 2>&1 || true
  for p in $pids; do after=$((after + $(cpu_ticks "$p"))); done
  local done_q; done_q="$(sed -n 's/^ *Queries completed: *\([0-9]*\).*/\1/p' "$RUN/rate.out")"
  cpu="$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v q="$done_q" 'BEGIN { printf "%.1f", t * 1e6 / hz / q }')"
  read -r avg p99 < <(awk '/^> / { print $NF * 1000 }' "$RUN/rate.out" | sort -g | awk '{ v[NR] = $1; s += $1 } END { printf "%.3f %.3f\n", s / NR, v[int(NR * 0.99)] }')
  RUNS_CPU[$name]="${RUNS_CPU[$name]:-} $cpu"; RUNS_AVG[$name]="${RUNS_AVG[$name]:-} $avg"; RUNS_P99[$name]="${RUNS_P99[$name]:-} $p99"
}
summarize() { # name -> the medians of its fixed-rate runs
  CPU[$1]="$(median "${RUNS_CPU[$1]}")"; AVG[$1]="$(median "${RUNS_AVG[$1]}")"; P99[$1]="$(median "${RUNS_P99[$1]}")"
  echo "fixed-rate runs $1: CPU µs/query${RUNS_CPU[$1]}; p99 ms${RUNS_P99[$1]}"
}

saturate() { # name port -> appends one saturation figure
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$2" -d "$QUERIES" "${EXTRA[@]}" -l "$SECS" -c 4 -q 500 >"$RUN/sat.out" 2>&1 || true
  SAT[$1]="${SAT[$1]:-} $(sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' "$RUN/sat.out" | cut -d. -f1)"
}
declare -A SAT
ROUNDS="${ROUNDS:-3}"

for _ in $(seq 1 "$ROUNDS"); do
  measure meridian "$DNS_PORT" "$M_PID"; measure knot "$K_PORT" "$K_PID"; measure nsd "$N_PORT" $N_PIDS; measure bun-floor "$F_PORT" "$F_PID"
done
for s in meridian knot nsd bun-floor; do summarize "$s"; done
for _ in $(seq 1 "$ROUNDS"); do
  saturate meridian "$DNS_PORT"; saturate knot "$K_PORT"; saturate nsd "$N_PORT"; saturate bun-floor "$F_PORT"
done
for s in meridian knot nsd bun-floor; do QPS[$s]="$(median "${SAT[$s]}")"; echo "saturation runs $s:${SAT[$s]}"; done

echo
echo "zone: $NAMES names ($(grep -c . "$RUN/bench.zone") lines); fixed rate $RATE qps for ${SECS}s; server on CPU 0, dnsperf on CPU 1"
printf '%-10s %14s %14s %12s %12s\n' server "qps@saturation" "CPU µs/query" "avg ms" "p99 ms"
echo "(each figure the median of $ROUNDS interleaved runs; CPU and latency at the fixed rate)"
for s in meridian knot nsd bun-floor; do printf '%-10s %14s %14s %12s %12s\n' "$s" "${QPS[$s]}" "${CPU[$s]}" "${AVG[$s]}" "${P99[$s]}"; done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
for s in knot nsd bun-floor; do
  echo "meridian/$s: qps $(ratio "${QPS[meridian]}" "${QPS[$s]}")x, CPU per query $(ratio "${CPU[meridian]}" "${CPU[$s]}")x"
done
echo "p99 at $RATE qps: meridian ${P99[meridian]} ms (goal <= 0.25 ms), knot ${P99[knot]}, nsd ${P99[nsd]}, bun-floor ${P99[bun-floor]}"

# GeoDNS: every query names a geo-targeted owner and carries ECS 8.8.8.0/24 (embedded database).
QUERIES="$RUN/queries-geo.txt"; EXTRA=(-E 8:00011800080808)
for _ in $(seq 1 "$ROUNDS"); do measure meridian-geo "$DNS_PORT" "$M_PID"; done
summarize meridian-geo
saturate meridian-geo "$DNS_PORT"
QPS[meridian-geo]="$(median "${SAT[meridian-geo]}")"
echo
printf '%-13s %14s %14s %12s %12s\n' meridian-geo "${QPS[meridian-geo]}" "${CPU[meridian-geo]}" "${AVG[meridian-geo]}" "${P99[meridian-geo]}"
echo "geo+ECS / plain: qps $(ratio "${QPS[meridian-geo]}" "${QPS[meridian]}")x (goal >= 0.8x), CPU per query $(ratio "${CPU[meridian-geo]}" "${CPU[meridian]}")x"

# Live changes: the plain mix again while bench/writer.ts creates and deletes records through the API (WRITES
# per second, default 50) in a 2000-record zone of its own, so every change is patched and served before its
# 2xx. The CPU figure then includes the API's work.
QUERIES="$RUN/queries.txt"; EXTRA=(); WARM[meridian-writes]=1
for r in $(seq 1 "$ROUNDS"); do
  taskset -c 1 "$BUN" bench/writer.ts "http://127.0.0.1:$HTTP_PORT" bench "${WRITES:-50}" "$SECS" "round$r" >>"$RUN/writer.out" 2>&1 &
  W_PID=$!; PIDS+=("$W_PID")
  measure meridian-writes "$DNS_PORT" "$M_PID"
  wait "$W_PID" || true
done
summarize meridian-writes
echo
printf '%-15s %12s %14s %12s %12s\n' meridian-writes "-" "${CPU[meridian-writes]}" "${AVG[meridian-writes]}" "${P99[meridian-writes]}"
sed 's/^/  /' "$RUN/writer.out"
echo "p99 with API writes / without: $(ratio "${P99[meridian-writes]}" "${P99[meridian]}")x"
