// Owner lookup in a snapshot: the patch overlay first (owners changed since the last full compile, null for
// removed ones), then the compiled index. Allocation-free; used by the answer path and by patches.
import { hashName } from "./name-map.ts";
import type { Zone, ZoneNode } from "./types.ts";

/** The node for the name in name[start, end), whose hashName() is `hash`. */
export function findNode(zone: Zone, name: Uint8Array, start: number, end: number, hash = hashName(name, start, end)): ZoneNode | undefined {
  const overlay = zone.overlay;
  if (overlay !== null) {
    const o = overlay.getHashed(hash, name, start, end);
    if (o !== undefined) return o === null ? undefined : o;
  }
  return zone.names.getHashed(hash, name, start, end);
}
