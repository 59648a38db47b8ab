// Compiles one zone's records into an immutable snapshot: owner index with empty non-terminals, synthesised
// apex SOA and NS, delegation points, wildcard links, in-zone CNAME targets, referral glue, and for owners with
// location-targeted records a per-country table of ready RRsets (geo/select.ts decides each entry). Pure.
import { CENTROIDS } from "../geo/centroids.ts";
import { describeCode, GLOBAL, variantKey } from "../geo/codes.ts";
import { choose, RULE, UNKNOWN } from "../geo/select.ts";
import type { RecordSpec } from "../records/spec.ts";
import { Arena, type EncodedRR, encodeRRset, type RdataPart } from "./encode.ts";
import { NameMap } from "./name-map.ts";
import { isInZone, nameToWire } from "./names.ts";
import { encodeRdata, QTYPE } from "./rdata.ts";
import type { EncodedRRset, GeoNode, GeoTable, NearPoints, SoaSettings, Zone, ZoneNode } from "./types.ts";

export type ZoneSource = { id: string; apex: string; serial: number; records: readonly RecordSpec[] };
export type GeoSettings = { defaultCountry: string };

type Rec = { type: number; rr: EncodedRR; target: string; global: boolean; codes: readonly string[] };
type Draft = { owner: string; depth: number; recs: Rec[]; node?: ZoneNode };

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

function toRec(r: RecordSpec): Rec {
  const { rdata, nameAt } = encodeRdata(r.type, r.value, r.priority);
  const parts: RdataPart[] = nameAt < 0 ? [rdata] : [rdata.subarray(0, nameAt), { name: rdata.subarray(nameAt), compress: true }];
  const global = r.countryCodes.length === 1 && r.countryCodes[0] === GLOBAL;
  // NS records are never location-targeted: a delegation is the same for everyone.
  return { type: QTYPE[r.type], rr: { ttl: r.ttl, parts }, target: nameAt < 0 ? "" : r.value, global: global || r.type === "NS", codes: r.countryCodes };
}

/** What building one owner's node needs from its zone. */
export type OwnerContext = { apex: string; apexWire: Uint8Array; arena: Arena; geo: GeoSettings };

/** The SOA rdata and the apex NS records the server synthesises for every zone. */
function systemRecords(apex: string, serial: number, soa: SoaSettings): { soaParts: RdataPart[]; recs: Rec[] } {
  const sys = (type: number, ttl: number, parts: RdataPart[], target = ""): Rec => ({ type, rr: { ttl, parts }, target, global: true, codes: [GLOBAL] });
  const soaParts: RdataPart[] = [
    { name: nameToWire(soa.nameservers[0] as string), compress: true },
    { name: nameToWire(soaContactName(soa.contact, apex)), compress: true },
    u32s(serial, soa.refresh, soa.retry, soa.expire, soa.minimum),
  ];
  const recs = [sys(QTYPE.SOA, soa.soaTtl, soaParts), ...soa.nameservers.map((ns) => sys(QTYPE.NS, soa.nsTtl, [{ name: nameToWire(ns), compress: true }], ns))];
  return { soaParts, recs };
}

export function encodeSoaNegative(ctx: OwnerContext, serial: number, soa: SoaSettings): EncodedRRset {
  const { soaParts } = systemRecords(ctx.apex, serial, soa);
  return encodeRRset(ctx.arena, QTYPE.SOA, [{ ttl: Math.min(soa.soaTtl, soa.minimum), parts: soaParts }], ctx.apexWire);
}

/** One owner's node from its records (plus the SOA and NS at the apex); relations are left for the caller. */
export function buildNode(ctx: OwnerContext, depth: number, records: readonly RecordSpec[], apex: { serial: number; soa: SoaSettings } | null): ZoneNode {
  const system = apex ? systemRecords(ctx.apex, apex.serial, apex.soa).recs : [];
  const node = nodeFromRecs(ctx, depth, [...records.map(toRec), ...system]);
  node.records = records.length;
  return node;
}

function nodeFromRecs(ctx: OwnerContext, depth: number, recs: readonly Rec[]): ZoneNode {
  const targetWire = (target: string) => (target && isInZone(target, ctx.apex) ? nameToWire(target) : null);
  const encode = (type: number, list: readonly Rec[]) =>
    encodeRRset(ctx.arena, type, list.map((r) => r.rr), ctx.apexWire, type === QTYPE.CNAME ? targetWire((list[0] as Rec).target) : null);
  const types: number[] = [];
  const sets: EncodedRRset[] = [];
  const only = recs[0];
  if (recs.length === 1 && only?.global) {
    types.push(only.type);
    sets.push(encode(only.type, recs));
  } else {
    const plain = new Map<number, Rec[]>();
    for (const r of recs) {
      if (!r.global) continue;
      const list = plain.get(r.type);
      if (list) list.push(r);
      else plain.set(r.type, [r]);
    }
    for (const [type, list] of plain) {
      types.push(type);
      sets.push(encode(type, type === QTYPE.CNAME ? list.slice(0, 1) : list));
    }
  }
  const geo = recs.some((r) => !r.global) ? compileGeo(recs, ctx.geo, encode) : null;
  const ci = types.indexOf(QTYPE.CNAME);
  return { depth, types, sets, cname: ci >= 0 ? (sets[ci] as EncodedRRset) : null, geo, cut: null, wildcard: null, glue: null, kids: 0, records: 0 };
}

export function compileZone(src: ZoneSource, soa: SoaSettings, geo: GeoSettings = { defaultCountry: "US" }): Zone {
  const { apex } = src;
  const apexDepth = apex.split(".").length;
  const ctx: OwnerContext = { apex, apexWire: nameToWire(apex), arena: new Arena(), geo };
  const drafts = new Map<string, Draft>();
  const draft = (owner: string): Draft => {
    let d = drafts.get(owner);
    if (!d) {
      d = { owner, depth: owner.split(".").length - apexDepth, recs: [] };
      drafts.set(owner, d);
      if (owner !== apex) draft(parentOf(owner)); // empty non-terminals (RFC 4592 s2.2.2)
    }
    return d;
  };
  for (const r of src.records) draft(r.name).recs.push(toRec(r));
  const apexDraft = draft(apex);
  const apexClientRecords = apexDraft.recs.length;
  apexDraft.recs.push(...systemRecords(apex, src.serial, soa).recs);

  const names = new NameMap<ZoneNode>();
  for (const d of drafts.values()) {
    const node = nodeFromRecs(ctx, d.depth, d.recs);
    node.records = d.owner === apex ? apexClientRecords : d.recs.length;
    d.node = node;
    names.set(nameToWire(d.owner), node);
  }

  const nodeOf = (owner: string) => (drafts.get(owner) as Draft).node as ZoneNode;
  const glueTargets = new Set<string>();
  for (const d of drafts.values()) {
    const node = d.node as ZoneNode;
    if (d.owner === apex) continue;
    nodeOf(parentOf(d.owner)).kids++;
    if (d.owner.startsWith("*.")) nodeOf(parentOf(d.owner)).wildcard = node;
    for (let o = d.owner; o !== apex; o = parentOf(o)) {
      if (drafts.get(o)?.recs.some((r) => r.type === QTYPE.NS)) node.cut = nodeOf(o); // the highest cut wins (RFC 1034 s4.2.1)
    }
    const ns = d.recs.filter((r) => r.type === QTYPE.NS);
    if (ns.length > 0)
      node.glue = ns.map((r) => {
        const g = drafts.get(r.target)?.node;
        if (isInZone(r.target, apex)) glueTargets.add(r.target);
        return g ? g.sets.filter((s) => s.type === QTYPE.A || s.type === QTYPE.AAAA) : [];
      });
  }

  return {
    id: src.id,
    apex,
    apexWire: ctx.apexWire,
    apexLabels: apexDepth - 1,
    serial: src.serial,
    names,
    overlay: null,
    glueTargets,
    apexNode: nodeOf(apex),
    soaNegative: encodeSoaNegative(ctx, src.serial, soa),
    recordCount: src.records.length,
  };
}

/**
 * Location tables for one owner. For each type T present, the candidates are the T records and the CNAMEs;
 * the rule picks among them per country, and a pick that holds T data serves it, else exactly one CNAME.
 */
function compileGeo(recs: readonly Rec[], settings: GeoSettings, encode: (type: number, recs: readonly Rec[]) => EncodedRRset): GeoNode {
  const cache = new Map<string, EncodedRRset>();
  /** The RRset served for a pick: its data of the asked type, else exactly one CNAME. */
  const served = (picked: readonly Rec[], type: number): EncodedRRset => {
    const data = picked.filter((r) => r.type === type && type !== QTYPE.CNAME);
    const subset = data.length > 0 ? data : picked.filter((r) => r.type === QTYPE.CNAME).slice(0, 1);
    const key = `${subset[0]?.type}:${subset.map((r) => recs.indexOf(r)).join(",")}`;
    let set = cache.get(key);
    if (!set) {
      set = encode((subset[0] as Rec).type, subset);
      cache.set(key, set);
    }
    return set;
  };
  const table = (cands: readonly Rec[], type: number): GeoTable => {
    const sets: EncodedRRset[] = [];
    const rules = new Uint8Array(UNKNOWN + 1);
    const areas: (string | null)[] = [];
    for (let loc = 0; loc <= UNKNOWN; loc++) {
      const choice = choose(loc, cands, settings.defaultCountry);
      sets.push(served(choice.picks.map((i) => cands[i] as Rec), type));
      rules[loc] = choice.rule;
      areas.push(choice.area);
    }
    return { sets, rules, areas, near: rules.includes(RULE.PROXIMITY) ? nearPoints(cands, type, served) : null };
  };
  const cnames = recs.filter((r) => r.type === QTYPE.CNAME);
  const types = [...new Set(recs.filter((r) => r.type !== QTYPE.CNAME).map((r) => r.type))];
  return {
    types,
    tables: types.map((t) => table([...recs.filter((r) => r.type === t), ...cnames], t)),
    cnameOnly: cnames.length > 0 ? table(cnames, QTYPE.CNAME) : null,
  };
}

/** Every member country of every located candidate, each with the RRset its variant would serve. */
function nearPoints(cands: readonly Rec[], type: number, served: (picked: readonly Rec[], type: number) => EncodedRRset): NearPoints {
  const lat: number[] = [];
  const lon: number[] = [];
  const sets: EncodedRRset[] = [];
  for (const r of cands) {
    if (r.global) continue;
    const variant = cands.filter((c) => variantKey(c.codes) === variantKey(r.codes));
    for (const code of r.codes)
      for (const m of describeCode(code).members) {
        const at = CENTROIDS.get(m);
        if (!at) continue;
        lat.push(at[0]);
        lon.push(at[1]);
        sets.push(served(variant, type));
      }
  }
  return { lat: Float64Array.from(lat), lon: Float64Array.from(lon), sets };
}
