// Conformance of patched snapshots: after every change in a random sequence, a zone patched in place of a
// full compile (zone/patch.ts, or the full compile it falls back to, as sync does) answers every query with
// the same bytes as a zone compiled from scratch from the same records.
import { describe, expect, test } from "bun:test";
import * as packet from "dns-packet";
import { DnsHandler } from "../../src/dns/handle.ts";
import type { RecordSpec } from "../../src/records/spec.ts";
import { compileZone } from "../../src/zone/compile.ts";
import { patchZone } from "../../src/zone/patch.ts";
import { ZoneRegistry } from "../../src/zone/registry.ts";
import type { Zone } from "../../src/zone/types.ts";

const apex = "p.example.";
const soa = { nameservers: ["ns1.p.example.", "ns2.other.example."], contact: "hostmaster", refresh: 7200, retry: 3600, expire: 1209600, minimum: 300, soaTtl: 3600, nsTtl: 3600 };
const geo = { defaultCountry: "US" };
const rec = (name: string, type: RecordSpec["type"], value: string, codes = ["disabled"], priority = 0): RecordSpec => ({ name: `${name}${name ? "." : ""}${apex}`, type, ttl: 300, countryCodes: codes, priority, value });

const base: RecordSpec[] = [
  rec("", "A", "192.0.2.1"),
  rec("", "MX", "mail.p.example.", ["disabled"], 10),
  rec("ns1", "A", "192.0.2.53"),
  rec("www", "CNAME", "web.p.example."),
  rec("web", "A", "192.0.2.80"),
  rec("*.wild", "A", "192.0.2.200"),
  rec("sub", "NS", "ns.sub.p.example."),
  rec("ns.sub", "A", "192.0.2.60"),
  rec("geo", "A", "192.0.2.7", ["US"]),
  rec("geo", "A", "192.0.2.8"),
  rec("a.b.c.deep", "TXT", "deep"),
];

// Changes drawn from: new deep names (ENTs appear), removals (ENTs disappear), apex edits, geo, CNAMEs,
// and the fallbacks: NS, glue targets, wildcards, names below the cut.
const pool: RecordSpec[] = [
  rec("x.y.z", "A", "198.51.100.1"),
  rec("y.z", "TXT", "mid"),
  rec("z", "AAAA", "2001:db8::1"),
  rec("", "TXT", "apex text"),
  rec("", "AAAA", "2001:db8::a"),
  rec("geo", "CNAME", "web.p.example.", ["EU"]),
  rec("geo2", "A", "198.51.100.2", ["JP"]),
  rec("alias", "CNAME", "x.y.z.p.example."),
  rec("web", "AAAA", "2001:db8::80"),
  rec("c.deep", "A", "198.51.100.3"),
  rec("q.wild", "A", "198.51.100.4"),
  rec("wild", "TXT", "the wildcard parent itself"),
  rec("*.dyn", "A", "198.51.100.5"),
  rec("ns.sub", "AAAA", "2001:db8::60"),
  rec("in.sub", "A", "198.51.100.6"),
  rec("other", "NS", "ns1.p.example."),
  rec("ns1", "AAAA", "2001:db8::53"),
];

const queryNames = ["", "www", "web", "geo", "geo2", "alias", "x.y.z", "y.z", "z", "c.deep", "a.b.c.deep", "b.c.deep", "deep", "q.wild", "r.wild", "wild", "m.dyn", "dyn", "sub", "in.sub", "other", "x.other", "ns1", "nothere"];
const queryTypes = ["A", "AAAA", "TXT", "CNAME", "MX", "NS", "SOA", "ANY"];
const queries = queryNames.flatMap((n) => queryTypes.map((t) => packet.encode({ type: "query", id: 1, questions: [{ name: `${n}${n ? "." : ""}${apex}`, type: t as packet.RecordType }] })));

function answers(zone: Zone): string[] {
  const reg = new ZoneRegistry();
  reg.swap(zone);
  const h = new DnsHandler(reg, 1232);
  return queries.map((q) => Buffer.from(h.out.subarray(0, h.handle(q, q.length, true))).toString("hex"));
}

describe("patched zones answer exactly like fresh compiles", () => {
  test("a random sequence of 300 changes", () => {
    let seed = 42;
    const rand = (k: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % k;
    };
    let records = [...base];
    let serial = 100;
    let zone = compileZone({ id: "z", apex, serial, records }, soa, geo);
    let patched = 0;
    for (let step = 0; step < 300; step++) {
      const pick = pool[rand(pool.length)] as RecordSpec;
      const present = records.includes(pick);
      records = present ? records.filter((r) => r !== pick) : [...records, pick];
      serial++;
      const atOwner = records.filter((r) => r.name === pick.name);
      const atApex = records.filter((r) => r.name === apex);
      const next = patchZone(zone, { owner: pick.name, records: atOwner }, atApex, serial, soa, geo);
      // Fresh compiles see records grouped per owner in the same order the store returns them.
      const ordered = [...records].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const fresh = compileZone({ id: "z", apex, serial, records: ordered }, soa, geo);
      if (next !== null) patched++;
      zone = next ?? fresh;
      expect(answers(zone)).toEqual(answers(fresh));
      expect(zone.recordCount).toBe(records.length);
    }
    expect(patched).toBeGreaterThan(100);
  });
});
