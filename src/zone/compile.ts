// Compiles one zone's records into an immutable snapshot: owner index with empty non-terminals, synthesised
// apex SOA and NS, delegation points, wildcard links, in-zone CNAME targets and referral glue. Pure.
import type { RecordSpec } from "../records/spec.ts";
import { type EncodedRRset, type SoaSettings, type Zone, type ZoneNode } from "./types.ts";
import { encodeRRset, type RdataPart } from "./encode.ts";
import { NameMap } from "./name-map.ts";
import { isInZone, nameToWire } from "./names.ts";
import { encodeRdata, QTYPE } from "./rdata.ts";
import { servedRecords } from "./variants.ts";

export type ZoneSource = { id: string; apex: string; serial: number; records: readonly RecordSpec[] };

type Draft = {
  owner: string;
  depth: number;
  byType: Map<number, { ttls: number[]; rdatas: RdataPart[][]; targets: string[] }>;
  node?: ZoneNode;
};

function parentOf(name: string): string {
  return name.slice(name.indexOf(".") + 1);
}

function u32s(...xs: number[]): Uint8Array {
  const out = new Uint8Array(xs.length * 4);
  const dv = new DataView(out.buffer);
  xs.forEach((x, i) => dv.setUint32(i * 4, x));
  return out;
}

export function soaContactName(contact: string, apex: string): string {
  const at = contact.indexOf("@");
  if (at >= 0) return `${contact.slice(0, at).replaceAll(".", "-")}.${contact.slice(at + 1).replace(/\.?$/, ".")}`.toLowerCase();
  if (contact.endsWith(".")) return contact.toLowerCase();
  return `${contact.toLowerCase()}.${apex}`;
}

export function compileZone(src: ZoneSource, soa: SoaSettings): Zone {
  const { apex } = src;
  const apexWire = nameToWire(apex);
  const apexDepth = apex.split(".").length;
  const drafts = new Map<string, Draft>();
  const draft = (owner: string): Draft => {
    let d = drafts.get(owner);
    if (!d) {
      d = { owner, depth: owner.split(".").length - apexDepth, byType: new Map() };
      drafts.set(owner, d);
      if (owner !== apex) draft(parentOf(owner)); // empty non-terminals (RFC 4592 s2.2.2)
    }
    return d;
  };
  const add = (owner: string, type: number, ttl: number, rdata: RdataPart[], target = "") => {
    const d = draft(owner);
    let slot = d.byType.get(type);
    if (!slot) d.byType.set(type, (slot = { ttls: [], rdatas: [], targets: [] }));
    slot.ttls.push(ttl);
    slot.rdatas.push(rdata);
    slot.targets.push(target);
  };

  const served = servedRecords(src.records);
  for (const r of served) {
    const { rdata, nameAt } = encodeRdata(r.type, r.value, r.priority);
    const parts: RdataPart[] = nameAt < 0 ? [rdata] : [rdata.subarray(0, nameAt), { name: rdata.subarray(nameAt), compress: true }];
    add(r.name, QTYPE[r.type], r.ttl, parts, nameAt < 0 ? "" : r.value);
  }
  const mname = soa.nameservers[0] as string;
  add(apex, QTYPE.SOA, soa.soaTtl, [
    { name: nameToWire(mname), compress: true },
    { name: nameToWire(soaContactName(soa.contact, apex)), compress: true },
    u32s(src.serial, soa.refresh, soa.retry, soa.expire, soa.minimum),
  ]);
  for (const ns of soa.nameservers) add(apex, QTYPE.NS, soa.nsTtl, [{ name: nameToWire(ns), compress: true }], ns);

  const names = new NameMap<ZoneNode>();
  for (const d of drafts.values()) {
    const types: number[] = [];
    const sets: EncodedRRset[] = [];
    for (const [type, slot] of d.byType) {
      types.push(type);
      sets.push(encodeRRset(type, slot.ttls, slot.rdatas, apexWire));
    }
    const cnameSlot = d.byType.get(QTYPE.CNAME);
    const target = cnameSlot?.targets[0];
    const node: ZoneNode = {
      depth: d.depth,
      types: Uint16Array.from(types),
      sets,
      cname: cnameSlot ? (sets[types.indexOf(QTYPE.CNAME)] as EncodedRRset) : null,
      cnameTarget: target && isInZone(target, apex) ? nameToWire(target) : null,
      cut: null,
      wildcard: null,
      glue: null,
    };
    d.node = node;
    names.set(nameToWire(d.owner), node);
  }

  const nodeOf = (owner: string) => (drafts.get(owner) as Draft).node as ZoneNode;
  for (const d of drafts.values()) {
    const node = d.node as ZoneNode;
    if (d.owner.startsWith("*.")) nodeOf(parentOf(d.owner)).wildcard = node;
    for (let o = d.owner; o !== apex; o = parentOf(o)) {
      const nsSlot = drafts.get(o)?.byType.get(QTYPE.NS);
      if (nsSlot) node.cut = nodeOf(o); // keep going: the highest cut wins (RFC 1034 s4.2.1)
    }
    const ns = d.byType.get(QTYPE.NS);
    if (ns && d.owner !== apex) {
      node.glue = ns.targets.map((t) => {
        const g = drafts.get(t)?.node;
        return g ? g.sets.filter((s) => s.type === QTYPE.A || s.type === QTYPE.AAAA) : [];
      });
    }
  }

  const soaNode = nodeOf(apex);
  const soaSet = soaNode.sets[Array.from(soaNode.types).indexOf(QTYPE.SOA)] as EncodedRRset;
  const soaNegative = { ...soaSet, data: soaSet.data.slice() };
  new DataView(soaNegative.data.buffer).setUint32(6, Math.min(soa.soaTtl, soa.minimum));
  return { id: src.id, apex, apexWire, apexLabels: apexDepth - 1, serial: src.serial, names, apexNode: soaNode, soaNegative, recordCount: served.length };
}
