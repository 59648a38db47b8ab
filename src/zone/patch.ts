// Applies a change at one owner to a compiled zone without recompiling it: the changed owner's node, the apex
// (its SOA carries the new serial), and any empty non-terminals that appear or disappear go into a small
// copy-on-write overlay (lookup.ts), and a new Zone object is returned; the old one is untouched. Changes
// that move relations between other owners (NS, glue targets, wildcards, names below a cut) return null and
// the caller compiles the zone whole, as it does once the overlay grows past OVERLAY_LIMIT. Pure.
import type { RecordSpec } from "../records/spec.ts";
import { buildNode, encodeSoaNegative, type GeoSettings, type OwnerContext } from "./compile.ts";
import { Arena } from "./encode.ts";
import { findNode } from "./lookup.ts";
import { NameMap } from "./name-map.ts";
import { nameToWire } from "./names.ts";
import { QTYPE } from "./rdata.ts";
import type { SoaSettings, Zone, ZoneNode } from "./types.ts";

export const OVERLAY_LIMIT = 4096;

export type OwnerChange = { owner: string; records: readonly RecordSpec[] };

function parentOf(name: string): string {
  return name.slice(name.indexOf(".") + 1);
}

const emptyNode = (depth: number, kids: number, wildcard: ZoneNode | null): ZoneNode => ({
  depth,
  types: [],
  sets: [],
  cname: null,
  geo: null,
  cut: null,
  wildcard,
  glue: null,
  kids,
  records: 0,
});

/** The owner's node, or its closest existing ancestor's (the apex at worst). */
function nearestNode(zone: Zone, owner: string): ZoneNode {
  for (let name = owner; ; name = parentOf(name)) {
    const w = nameToWire(name);
    const node = findNode(zone, w, 0, w.length);
    if (node || name === zone.apex) return node ?? zone.apexNode;
  }
}

/**
 * The zone with `change` applied and its serial set, or null when this change needs a full compile.
 * `apexRecords` are the client records at the apex after the change.
 */
export function patchZone(zone: Zone, change: OwnerChange, apexRecords: readonly RecordSpec[], serial: number, soa: SoaSettings, geo: GeoSettings): Zone | null {
  const { owner, records } = change;
  const wire = nameToWire(owner);
  const old = findNode(zone, wire, 0, wire.length);
  const touchesNs = owner !== zone.apex && (records.some((r) => r.type === "NS") || (old?.types.includes(QTYPE.NS) ?? false));
  const underCut = nearestNode(zone, owner).cut !== null;
  if (touchesNs || underCut || zone.glueTargets.has(owner) || owner.startsWith("*.")) return null;
  if ((zone.overlay?.size ?? 0) >= OVERLAY_LIMIT) return null;

  const ctx: OwnerContext = { apex: zone.apex, apexWire: zone.apexWire, arena: new Arena(), geo };
  const overlay = zone.overlay?.clone() ?? new NameMap<ZoneNode | null>();
  const put = (name: string, node: ZoneNode | null) => overlay.set(nameToWire(name), node);
  const get = (name: string) => {
    const w = nameToWire(name);
    const o = overlay.get(w, 0, w.length);
    return o === undefined ? zone.names.get(w, 0, w.length) : (o ?? undefined);
  };
  /** A node's copy with its child count moved by `delta` (nodes are shared with older snapshots). */
  const recount = (name: string, node: ZoneNode, delta: number): ZoneNode => {
    const copy = { ...node, kids: node.kids + delta };
    put(name, copy);
    return copy;
  };
  const depth = owner.split(".").length - zone.apex.split(".").length;
  let recordDelta = records.length;

  if (owner !== zone.apex) {
    if (records.length > 0) {
      const node = buildNode(ctx, depth, records, null);
      node.kids = old?.kids ?? 0;
      node.wildcard = old?.wildcard ?? null;
      put(owner, node);
      // A new owner: count it in its parent, creating empty non-terminals up to an existing ancestor.
      for (let name = owner, d = depth; !old && name !== zone.apex; name = parentOf(name), d--) {
        const parent = get(parentOf(name));
        if (parent) {
          recount(parentOf(name), parent, 1);
          break;
        }
        put(parentOf(name), emptyNode(d - 1, 1, null));
      }
    } else if (old) {
      if (old.kids > 0) put(owner, emptyNode(depth, old.kids, old.wildcard));
      else {
        // Remove the owner, then every empty non-terminal left with no child (RFC 4592 s2.2.2).
        put(owner, null);
        for (let name = parentOf(owner); ; name = parentOf(name)) {
          const node = get(name) as ZoneNode;
          if (name === zone.apex || node.types.length > 0 || node.kids > 1) {
            recount(name, node, -1);
            break;
          }
          put(name, null);
        }
      }
    }
    recordDelta -= old?.records ?? 0;
  }

  const apexOld = zone.apexNode;
  const apexNode = buildNode(ctx, 0, apexRecords, { serial, soa });
  apexNode.kids = (get(zone.apex) as ZoneNode).kids;
  apexNode.wildcard = (get(zone.apex) as ZoneNode).wildcard;
  put(zone.apex, apexNode);
  if (owner === zone.apex) recordDelta = apexRecords.length - apexOld.records;
  const soaNegative = encodeSoaNegative(ctx, serial, soa);
  ctx.arena.trim();

  return {
    ...zone,
    serial,
    overlay,
    apexNode,
    soaNegative,
    recordCount: zone.recordCount + recordDelta,
  };
}
