// JIT warm-up before the DNS listeners open. The hot path starts interpreted; JavaScriptCore compiles it
// (DFG, then FTL) once it has run enough queries, and those compiles cost ~0.2 s of CPU. On a server pinned to
// one core they run on that core, so the first seconds of real traffic wait behind them (measured: p99 2 ms
// at 20k qps while the compiles ran, 0.1-0.15 ms after). Answering a synthetic zone that takes every answer
// path (exact, CNAME, wildcard, NXDOMAIN, NODATA, referral with glue, geo with ECS, truncation, REFUSED,
// FORMERR, NOTIMP) moves that cost to start-up, where it delays nothing.
import type { DnsHandler } from "./dns/handle.ts";
import { buildSpec, type RecordSpec } from "./records/spec.ts";
import { compileZone } from "./zone/compile.ts";
import type { ZoneRegistry } from "./zone/registry.ts";
import type { SoaSettings } from "./zone/types.ts";

/** A zone clients can never have: a zone name must be a hostname, and "_" is not allowed in one. */
export const WARMUP_APEX = "_warm-up.invalid.";
const APEX = WARMUP_APEX;

function rec(name: string, type: string, value: string, country_codes = ["disabled"], priority?: number): RecordSpec {
  return buildSpec({ name: `${name}${APEX}`, type, value, ttl: 300, country_codes, priority }, APEX);
}

/** The synthetic zone: a little of every record type and answer shape the hot path knows. */
function warmupRecords(): RecordSpec[] {
  const records: RecordSpec[] = [
    rec("", "MX", `mail.${APEX}`, ["disabled"], 10),
    rec("", "TXT", "v=spf1 -all"),
    rec("", "CAA", '0 issue "ca.example"'),
    rec("*.wild.", "A", "192.0.2.200"),
    rec("sub.", "NS", `ns.sub.${APEX}`),
    rec("ns.sub.", "A", "192.0.2.53"),
    rec("_sip._udp.", "SRV", `5 5060 host0.${APEX}`, ["disabled"], 10),
    rec("big.", "TXT", "x".repeat(250)),
    rec("geo.", "A", "192.0.2.1", ["US"]),
    rec("geo.", "A", "192.0.2.2", ["EU"]),
    rec("geo.", "A", "192.0.2.3"),
    rec("geocname.", "CNAME", `host1.${APEX}`, ["AS"]),
    rec("geocname.", "CNAME", `host2.${APEX}`),
    rec("loop1.", "CNAME", `loop2.${APEX}`),
    rec("loop2.", "CNAME", `loop1.${APEX}`),
    rec("out.", "CNAME", "www.example.net."),
    rec("ptr.", "PTR", `host0.${APEX}`),
  ];
  for (let i = 0; i < 16; i++) {
    records.push(rec(`host${i}.`, "A", `10.0.0.${i}`), rec(`host${i}.`, "AAAA", `2001:db8::${i}`));
    records.push(rec(`alias${i}.`, "CNAME", `host${i}.${APEX}`));
    records.push(rec(`big.`, "TXT", `${i}`.repeat(200)));
  }
  return records;
}

const TYPE_CODE: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, ANY: 255, CAA: 257, AXFR: 252 };

/** One query message: optional OPT (RFC 6891) with DO and an ECS option for `ecs` (IPv4 /24, RFC 7871). */
function query(name: string, type: string, opts: { edns?: boolean; ecs?: readonly number[]; size?: number; qclass?: number; opcode?: number } = {}): Uint8Array {
  const out: number[] = [0x12, 0x34, 0x01 | ((opts.opcode ?? 0) << 3), 0x00, 0, 1, 0, 0, 0, 0, 0, opts.edns || opts.ecs ? 1 : 0];
  for (const label of name.split(".")) {
    if (label === "") continue;
    out.push(label.length);
    for (let i = 0; i < label.length; i++) out.push(label.charCodeAt(i));
  }
  const qtype = TYPE_CODE[type] as number;
  const qclass = opts.qclass ?? 1;
  out.push(0, qtype >> 8, qtype & 255, qclass >> 8, qclass & 255);
  if (opts.edns || opts.ecs) {
    const size = opts.size ?? 1232;
    const ecs = opts.ecs;
    const rdlen = ecs ? 4 + 4 + 3 : 0;
    out.push(0, 0, 41, size >> 8, size & 255, 0, 0, 0x80, 0, 0, rdlen);
    if (ecs) out.push(0, 8, 0, 7, 0, 1, 24, 0, ecs[0] as number, ecs[1] as number, ecs[2] as number);
  }
  return Uint8Array.from(out);
}

/** The query mix: mostly positive answers (UDP and EDNS, mixed case), then negatives and the odd cases. */
function warmupQueries(): Uint8Array[] {
  const q: Uint8Array[] = [];
  for (let i = 0; i < 16; i++) {
    q.push(query(`host${i}.${APEX}`, "A"), query(`host${i}.${APEX}`, "A", { edns: true }), query(`HoSt${i}.${APEX}`, "AAAA", { edns: true }));
    q.push(query(`alias${i}.${APEX}`, "A"), query(`w${i}.wild.${APEX}`, "A"), query(`missing${i}.${APEX}`, "A"), query(`host${i}.${APEX}`, "MX"));
  }
  q.push(
    query(APEX, "SOA"),
    query(APEX, "NS"),
    query(APEX, "MX"),
    query(APEX, "TXT"),
    query(APEX, "CAA"),
    query(APEX, "ANY"),
    query(`x.sub.${APEX}`, "A"),
    query(`_sip._udp.${APEX}`, "SRV"),
    query(`ptr.${APEX}`, "PTR"),
    query(`big.${APEX}`, "TXT"),
    query(`big.${APEX}`, "TXT", { edns: true, size: 512 }),
    query(`geo.${APEX}`, "A", { ecs: [8, 8, 8] }),
    query(`geo.${APEX}`, "A", { ecs: [81, 2, 69] }),
    query(`geo.${APEX}`, "A", { ecs: [1, 1, 1] }),
    query(`geocname.${APEX}`, "A", { ecs: [1, 1, 1] }),
    query(`geo.${APEX}`, "A"),
    query(`loop1.${APEX}`, "A"),
    query(`out.${APEX}`, "A"),
    query("www.example.org.", "A"),
    query(APEX, "A", { qclass: 3 }),
    query(APEX, "AXFR"),
    query(APEX, "A", { opcode: 4 }),
    query(APEX, "A").subarray(0, 15),
  );
  return q;
}

export type WarmUpResult = { ms: number; queries: number; failures: number; rcodes: Uint32Array };

/**
 * Answers `count` queries of the mix through the serving handler, with the warm-up zone in its registry for
 * the duration, then takes the zone out and zeroes the handler's counters. Warming the very objects that
 * will serve (not copies) keeps the compiled code valid afterwards: code specialised on objects that then
 * die is thrown away. Returns the time taken and what the counters held (the rcodes the mix reached).
 */
export function warmUp(handler: DnsHandler, registry: ZoneRegistry, soa: SoaSettings, count: number): WarmUpResult {
  const t0 = performance.now();
  const zone = compileZone({ id: "\0warm-up", apex: APEX, serial: 1, records: warmupRecords() }, soa);
  registry.swap(zone);
  const sources = ["127.0.0.1", "192.0.2.9", "2001:db8::9", ""];
  // Sockets hand over Buffers (and TCP, when a message spans reads, a plain Uint8Array): the compiled code
  // must have seen both, or the first real query deoptimizes it and the compiles run again.
  const queries = warmupQueries().map((m, i) => ((i & 15) === 15 ? m : Buffer.from(m)));
  try {
    for (let n = 0; n < count; ) {
      for (let i = 0; i < queries.length && n < count; i++, n++) {
        const m = queries[i] as Uint8Array;
        handler.handle(m, m.length, (i & 15) === 15, sources[i & 3] as string);
      }
    }
    const { queries: answered, failures, rcodes } = handler.stats;
    return { ms: performance.now() - t0, queries: answered, failures, rcodes: rcodes.slice() };
  } finally {
    registry.remove(zone.id);
    handler.resetStats();
  }
}
