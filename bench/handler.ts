// Handler micro-benchmark: bytes in -> bytes out through DnsHandler.handle alone (no sockets), per answer
// kind, over a compiled 10k-name zone, and a geo-targeted name answered by ECS through the embedded database
// (cached networks, as under steady traffic). Prints ns per query, heap growth per query (0 means the query
// path allocated nothing that survived), and the geo/plain ratio. Inputs are built before the timed loops.
// Usage: bun bench/handler.ts
import { readFileSync } from "node:fs";
import * as packet from "dns-packet";
import { Reader, type Response } from "mmdb-lib";
import { DnsHandler } from "../src/dns/handle.ts";
import { embeddedDatabasePath, GeoDatabase } from "../src/geo/database.ts";
import type { RecordSpec } from "../src/records/spec.ts";
import { compileZone } from "../src/zone/compile.ts";
import { ZoneRegistry } from "../src/zone/registry.ts";

const apex = "bench.example.";
const records: RecordSpec[] = [{ name: `*.wild.${apex}`, type: "A", ttl: 3600, countryCodes: ["disabled"], priority: 0, value: "192.0.2.200" }];
for (let i = 0; i < 10000; i++) {
  records.push({ name: `host${i}.${apex}`, type: "A", ttl: 3600, countryCodes: ["disabled"], priority: 0, value: `10.0.${(i >> 8) & 255}.${i & 255}` });
  if (i % 10 === 0) records.push({ name: `alias${i}.${apex}`, type: "CNAME", ttl: 3600, countryCodes: ["disabled"], priority: 0, value: `host${i}.${apex}` });
}
for (const [value, codes] of [["192.0.2.1", ["US"]], ["192.0.2.2", ["EU"]], ["192.0.2.3", ["AS"]], ["192.0.2.4", ["disabled"]]] as const)
  records.push({ name: `geo.${apex}`, type: "A", ttl: 60, countryCodes: [...codes], priority: 0, value });
const soa = { nameservers: ["ns1.bench.example."], contact: "hostmaster", refresh: 7200, retry: 3600, expire: 1209600, minimum: 300, soaTtl: 3600, nsTtl: 3600 };
const registry = new ZoneRegistry();
registry.swap(compileZone({ id: "bench", apex, serial: 1, records }, soa));
const geo = new GeoDatabase(embeddedDatabasePath());
const handler = new DnsHandler(registry, 1232, () => geo);

const query = (name: string, type: string, ecs?: string) =>
  new Uint8Array(
    packet.encode({
      type: "query",
      id: 1,
      flags: packet.RECURSION_DESIRED,
      questions: [{ type: type as packet.RecordType, name }],
      additionals: [{ type: "OPT", name: ".", udpPayloadSize: 1232, options: ecs ? [{ code: "CLIENT_SUBNET", ip: ecs, sourcePrefixLength: 24, scopePrefixLength: 0 }] : [] } as any],
    }),
  );

const kinds: [string, Uint8Array][] = [
  ["exact A", query("host4242.bench.example", "A")],
  ["NODATA", query("host4242.bench.example", "AAAA")],
  ["NXDOMAIN", query("missing.bench.example", "A")],
  ["wildcard", query("x.wild.bench.example", "A")],
  ["CNAME", query("alias4240.bench.example", "A")],
  ["REFUSED", query("www.example.org", "A")],
  ["plain+ECS", query("host4242.bench.example", "A", "8.8.8.0")],
  ["geo+ECS", query("geo.bench.example", "A", "8.8.8.0")],
];

const N = 1_000_000;
const nsByKind = new Map<string, number>();
console.log(`${"kind".padEnd(10)} ${"ns/query".padStart(9)} ${"heap B/query".padStart(13)}`);
for (const [kind, msg] of kinds) {
  for (let i = 0; i < 50_000; i++) handler.handle(msg, msg.length, false);
  Bun.gc(true);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = Bun.nanoseconds();
  for (let i = 0; i < N; i++) handler.handle(msg, msg.length, false);
  const ns = (Bun.nanoseconds() - t0) / N;
  const grown = (process.memoryUsage().heapUsed - heap0) / N;
  nsByKind.set(kind, ns);
  console.log(`${kind.padEnd(10)} ${ns.toFixed(0).padStart(9)} ${grown.toFixed(2).padStart(13)}`);
}
const ratio = (nsByKind.get("geo+ECS") as number) / (nsByKind.get("plain+ECS") as number);
console.log(`geo-matched answer / plain answer (both with ECS): ${ratio.toFixed(2)}x (goal <= 1.3x)`);

// Does the per-network cache pay? One database lookup through mmdb-lib, against the cached path.
const reader = new Reader<Response>(readFileSync(embeddedDatabasePath()));
const ips = Array.from({ length: 4096 }, (_, i) => `${1 + (i % 223)}.${(i * 7) & 255}.${(i * 13) & 255}.0`);
let t0 = Bun.nanoseconds();
for (let i = 0; i < 200_000; i++) reader.getWithPrefixLength(ips[i & 4095] as string);
const rawNs = (Bun.nanoseconds() - t0) / 200_000;
const octets = ips.map((ip) => Uint8Array.from(ip.split(".").map(Number)));
for (const o of octets) geo.lookupSubnet(1, o, 3);
t0 = Bun.nanoseconds();
for (let i = 0; i < 200_000; i++) geo.lookupSubnet(1, octets[i & 4095] as Uint8Array, 3);
const cachedNs = (Bun.nanoseconds() - t0) / 200_000;
console.log(`geo lookup: mmdb-lib ${rawNs.toFixed(0)} ns, cached per /24 ${cachedNs.toFixed(0)} ns (${(rawNs / cachedNs).toFixed(1)}x)`);
