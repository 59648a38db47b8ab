// JIT warm-up before the DNS listeners open. The hot path starts interpreted; JavaScriptCore compiles it
// (DFG, then FTL) once it has run enough queries, and those compiles cost ~0.2 s of CPU. On a server pinned to
// one core they run on that core, so the first seconds of real traffic wait behind them (measured: p99 2 ms
// at 20k qps while the compiles ran, 0.1-0.15 ms after). Answering a synthetic zone that takes every answer
// path (exact, CNAME, wildcard, NXDOMAIN, NODATA, referral with glue, geo with ECS, truncation, REFUSED,
// FORMERR, NOTIMP) moves that cost to start-up, where it delays nothing.
import * as packet from "dns-packet";
import type { DnsHandler } from "./dns/handle.ts";
import { buildSpec, type RecordSpec } from "./records/spec.ts";
import { compileZone } from "./zone/compile.ts";
import type { ZoneRegistry } from "./zone/registry.ts";
import type { SoaSettings } from "./zone/types.ts";

/** A zone clients can never have: a zone name must be a hostname, and "_" is not allowed in one. */
export const WARMUP_APEX = "_warm-up.invalid.";

function rec(name: string, type: string, value: string, country_codes = ["disabled"], priority?: number): RecordSpec {
  return buildSpec({ name: `${name}${WARMUP_APEX}`, type, value, ttl: 300, country_codes, priority }, WARMUP_APEX);
}

/** The synthetic zone: a little of every record type and answer shape the hot path knows. */
function warmupRecords(): RecordSpec[] {
  const records: RecordSpec[] = [
    rec("", "MX", `mail.${WARMUP_APEX}`, ["disabled"], 10),
    rec("", "TXT", "v=spf1 -all"),
    rec("", "CAA", '0 issue "ca.example"'),
    rec("*.wild.", "A", "192.0.2.200"),
    rec("sub.", "NS", `ns.sub.${WARMUP_APEX}`),
    rec("ns.sub.", "A", "192.0.2.53"),
    rec("_sip._udp.", "SRV", `5 5060 host0.${WARMUP_APEX}`, ["disabled"], 10),
    rec("big.", "TXT", "x".repeat(250)),
    rec("geo.", "A", "192.0.2.1", ["US"]),
    rec("geo.", "A", "192.0.2.2", ["EU"]),
    rec("geo.", "A", "192.0.2.3"),
    rec("geocname.", "CNAME", `host1.${WARMUP_APEX}`, ["AS"]),
    rec("geocname.", "CNAME", `host2.${WARMUP_APEX}`),
    rec("loop1.", "CNAME", `loop2.${WARMUP_APEX}`),
    rec("loop2.", "CNAME", `loop1.${WARMUP_APEX}`),
    rec("out.", "CNAME", "www.example.net."),
    rec("ptr.", "PTR", `host0.${WARMUP_APEX}`),
  ];
  for (let i = 0; i < 16; i++) {
    records.push(rec(`host${i}.`, "A", `10.0.0.${i}`), rec(`host${i}.`, "AAAA", `2001:db8::${i}`));
    records.push(rec(`alias${i}.`, "CNAME", `host${i}.${WARMUP_APEX}`));
    records.push(rec(`big.`, "TXT", `${i}`.repeat(200)));
  }
  return records;
}

type QueryOptions = { edns?: boolean; ecs?: string; size?: number; qclass?: "CH"; opcode?: number };

/** One query (dns-packet): RD set, optionally an OPT (RFC 6891) with DO and an ECS option for the /24 of `ecs`. */
function query(name: string, type: string, o: QueryOptions = {}): Buffer {
  const options = o.ecs ? [{ code: "CLIENT_SUBNET", ip: o.ecs, sourcePrefixLength: 24, scopePrefixLength: 0 }] : [];
  return packet.encode({
    type: "query",
    id: 0x1234,
    flags: packet.RECURSION_DESIRED | ((o.opcode ?? 0) << 11),
    questions: [{ name, type: type as packet.RecordType, class: o.qclass ?? "IN" }],
    additionals: o.edns || o.ecs ? [{ type: "OPT", name: ".", udpPayloadSize: o.size ?? 1232, flags: packet.DNSSEC_OK, options } as unknown as packet.Answer] : [],
  });
}

/** The query mix: mostly positive answers (UDP and EDNS, mixed case), then negatives and the odd cases. */
function warmupQueries(): Buffer[] {
  const q: Buffer[] = [];
  for (let i = 0; i < 16; i++) {
    q.push(query(`host${i}.${WARMUP_APEX}`, "A"), query(`host${i}.${WARMUP_APEX}`, "A", { edns: true }), query(`HoSt${i}.${WARMUP_APEX}`, "AAAA", { edns: true }));
    q.push(query(`alias${i}.${WARMUP_APEX}`, "A"), query(`w${i}.wild.${WARMUP_APEX}`, "A"), query(`missing${i}.${WARMUP_APEX}`, "A"), query(`host${i}.${WARMUP_APEX}`, "MX"));
  }
  q.push(
    query(WARMUP_APEX, "SOA"),
    query(WARMUP_APEX, "NS"),
    query(WARMUP_APEX, "MX"),
    query(WARMUP_APEX, "TXT"),
    query(WARMUP_APEX, "CAA"),
    query(WARMUP_APEX, "ANY"),
    query(`x.sub.${WARMUP_APEX}`, "A"),
    query(`_sip._udp.${WARMUP_APEX}`, "SRV"),
    query(`ptr.${WARMUP_APEX}`, "PTR"),
    query(`big.${WARMUP_APEX}`, "TXT"),
    query(`big.${WARMUP_APEX}`, "TXT", { edns: true, size: 512 }),
    query(`geo.${WARMUP_APEX}`, "A", { ecs: "8.8.8.0" }),
    query(`geo.${WARMUP_APEX}`, "A", { ecs: "81.2.69.0" }),
    query(`geo.${WARMUP_APEX}`, "A", { ecs: "1.1.1.0" }),
    query(`geocname.${WARMUP_APEX}`, "A", { ecs: "1.1.1.0" }),
    query(`geo.${WARMUP_APEX}`, "A"),
    query(`loop1.${WARMUP_APEX}`, "A"),
    query(`out.${WARMUP_APEX}`, "A"),
    query("www.example.org.", "A"),
    query(WARMUP_APEX, "A", { qclass: "CH" }),
    query(WARMUP_APEX, "AXFR"),
    query(WARMUP_APEX, "A", { opcode: 4 }),
    query(WARMUP_APEX, "A").subarray(0, 15),
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
  const zone = compileZone({ id: "\0warm-up", apex: WARMUP_APEX, serial: 1, records: warmupRecords() }, soa);
  registry.swap(zone);
  const sources = ["127.0.0.1", "192.0.2.9", "2001:db8::9", ""];
  // Sockets hand over Buffers (and TCP, when a message spans reads, a plain Uint8Array): the compiled code
  // must have seen both, or the first real query deoptimizes it and the compiles run again.
  const queries = warmupQueries().map((m, i) => ((i & 15) === 15 ? Uint8Array.from(m) : m));
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
