// The authoritative answer inside one zone (RFC 1034 s4.3.2): exact match, referral at a delegation,
// wildcard synthesis from the closest encloser (RFC 4592), CNAME chains followed inside the zone, and
// NXDOMAIN / NODATA with the SOA in authority (RFC 2308). Owners with location variants answer from their
// per-country table, so a geo name always answers; the table's network prefix becomes the ECS scope.
import { greatCircleKm } from "../../geo/centroids.ts";
import { RULE } from "../../geo/select.ts";
import { findNode } from "../../zone/lookup.ts";
import { hashName } from "../../zone/name-map.ts";
import type { EncodedRRset, GeoTable, NearPoints, Zone, ZoneNode } from "../../zone/types.ts";
import { FLAG, RCODE, TYPE } from "../wire/constants.ts";
import type { Query } from "../wire/query.ts";
import { type Response, SECTION } from "../wire/response.ts";
import type { QueryLocation } from "./location.ts";

/** In-zone CNAME hops followed before the resolver is left to restart (known-diffs: ours >= 8, stop on loops). */
const MAX_CNAME_HOPS = 12;
/** Owners already answered in this chain: a CNAME that leads back to one of them is a loop (RFC 1034 s3.6.2). */
const visited: (ZoneNode | null)[] = new Array(MAX_CNAME_HOPS + 1).fill(null);

function seen(node: ZoneNode, hops: number): boolean {
  for (let i = 0; i < hops; i++) if (visited[i] === node) return true;
  return false;
}

function rrsetOf(node: ZoneNode, type: number): EncodedRRset | undefined {
  const types = node.types;
  for (let i = 0; i < types.length; i++) if (types[i] === type) return node.sets[i];
  return undefined;
}

/** The geo table answering `qtype` at a node: the type's own table, else the CNAME-only one. */
function geoTable(node: ZoneNode, qtype: number): GeoTable | null {
  const geo = node.geo as NonNullable<ZoneNode["geo"]>;
  const types = geo.types;
  if (qtype === TYPE.ANY) return geo.tables[0] ?? geo.cnameOnly;
  if (qtype !== TYPE.CNAME) for (let i = 0; i < types.length; i++) if (types[i] === qtype) return geo.tables[i] as GeoTable;
  return geo.cnameOnly;
}

function nearest(near: NearPoints, lat: number, lon: number): EncodedRRset {
  let best = 0;
  let bestKm = Number.POSITIVE_INFINITY;
  for (let i = 0; i < near.lat.length; i++) {
    const km = greatCircleKm(lat, lon, near.lat[i] as number, near.lon[i] as number);
    if (km < bestKm) {
      bestKm = km;
      best = i;
    }
  }
  return near.sets[best] as EncodedRRset;
}

/** Offset in `name` after skipping `skip` labels. */
function skipLabels(name: Uint8Array, skip: number): number {
  let o = 0;
  for (let i = 0; i < skip; i++) o += (name[o] as number) + 1;
  return o;
}

function labelCount(name: Uint8Array): number {
  let n = 0;
  for (let o = 0; name[o] !== 0; o += (name[o] as number) + 1) n++;
  return n;
}

/**
 * Finds the node for `name` (lowercase wire, `labels` labels) in the zone. Sets `found.cut` when the name is at
 * or below a delegation (the cut is returned) and returns null for NXDOMAIN.
 */
const found = { cut: false };
function locate(zone: Zone, name: Uint8Array, len: number, labels: number, q: Query | null, qtype: number): ZoneNode | null {
  found.cut = false;
  const exact = findNode(zone, name, 0, len, q !== null ? (q.labelHash[0] as number) : hashName(name, 0, len));
  if (exact !== undefined) {
    // RFC 4035 s3.1.4.1: DS at a cut is the parent's data, answered with authority.
    if (exact.cut !== null && !(exact.cut === exact && qtype === TYPE.DS)) {
      found.cut = true;
      return exact.cut;
    }
    return exact;
  }
  let o = 0;
  for (let i = 1; i < labels; i++) {
    o = q !== null ? (q.labelAt[i] as number) : o + (name[o] as number) + 1;
    const encloser = findNode(zone, name, o, len, q !== null ? (q.labelHash[i] as number) : hashName(name, o, len));
    if (encloser === undefined) continue;
    if (encloser.cut !== null) {
      found.cut = true;
      return encloser.cut;
    }
    return encloser.wildcard;
  }
  return null;
}

/** A referral (RFC 1034 s4.3.2 step 3b): the child's NS in authority, addresses of its servers as glue. */
function referral(w: Response, zone: Zone, cut: ZoneNode, cutPtr: number): void {
  const ns = rrsetOf(cut, TYPE.NS) as EncodedRRset;
  if (w.counts[SECTION.ANSWER] === 0) w.flags &= ~FLAG.AA;
  if (!w.writeRRset(ns, cutPtr, SECTION.AUTHORITY)) {
    w.flags |= FLAG.TC;
    return;
  }
  const glue = cut.glue;
  if (glue === null) return;
  // The owner of each glue RRset is its NS target, already in the packet as that NS RR's rdata.
  let rr = w.lastAt;
  for (let i = 0; i < glue.length; i++) {
    const owner = rr + 12;
    rr = owner + (((w.buf[rr + 10] as number) << 8) | (w.buf[rr + 11] as number));
    const sets = glue[i] as readonly EncodedRRset[];
    for (let j = 0; j < sets.length; j++)
      if (!w.writeRRset(sets[j] as EncodedRRset, owner, SECTION.ADDITIONAL)) {
        w.flags |= FLAG.TC; // RFC 9471 s3: glue that does not fit sets TC
        return;
      }
  }
}

function negative(w: Response, zone: Zone, rcode: number): void {
  w.rcode = rcode;
  if (!w.writeRRset(zone.soaNegative, w.apexPtr, SECTION.AUTHORITY)) w.flags |= FLAG.TC;
}

export function answerFromZone(q: Query, zone: Zone, w: Response, where: QueryLocation): void {
  w.flags |= FLAG.AA;
  w.apexPtr = 12 + q.qlen - zone.apexWire.length;
  let node = locate(zone, q.qname, q.qlen, q.labels, q, q.qtype);
  // The name being answered: its position in the packet and its lowercase wire form.
  let namePtr = 12;
  let name: Uint8Array = q.qname;
  let nameLabels = q.labels;
  const qtype = q.qtype;
  for (let hops = 0; ; hops++) {
    if (node === null) return negative(w, zone, RCODE.NXDOMAIN);
    if (found.cut) return referral(w, zone, node, namePtr + skipLabels(name, nameLabels - zone.apexLabels - node.depth));
    let want: EncodedRRset | undefined;
    let cname = node.cname;
    if (node.geo !== null) {
      const table = geoTable(node, qtype);
      if (table !== null) {
        const loc = where.resolve();
        if (where.scope > w.ecsScope) w.ecsScope = where.scope;
        want = table.sets[loc] as EncodedRRset;
        w.geoRule = table.rules[loc] as number;
        // With a City database, proximity is measured from the querier's own coordinates.
        if (w.geoRule === RULE.PROXIMITY && table.near !== null && !Number.isNaN(where.lat)) want = nearest(table.near, where.lat, where.lon);
        w.geoArea = table.areas[loc] as string | null;
        if (want.type === TYPE.CNAME && qtype !== TYPE.CNAME && qtype !== TYPE.ANY) {
          cname = want;
          want = undefined;
        }
      }
    } else want = qtype === TYPE.ANY ? (node.cname ?? node.sets[0]) : rrsetOf(node, qtype);
    if (want !== undefined) {
      if (!w.writeRRset(want, namePtr, SECTION.ANSWER)) w.flags |= FLAG.TC;
      return;
    }
    if (cname === null || qtype === TYPE.CNAME) return negative(w, zone, RCODE.NOERROR);
    if (!w.writeRRset(cname, namePtr, SECTION.ANSWER)) {
      w.flags |= FLAG.TC;
      return;
    }
    const target = cname.cnameTarget;
    if (target === null || hops >= MAX_CNAME_HOPS) return; // out of zone: the resolver continues (RFC 1034 s3.6.2)
    visited[hops] = node;
    namePtr = w.lastAt + 12;
    name = target;
    nameLabels = labelCount(target);
    node = locate(zone, target, target.length, nameLabels, null, qtype);
    if (node !== null && !found.cut && seen(node, hops + 1)) return;
  }
}
