// Owner lookup in a snapshot: the patch overlay first (owners changed since the last full compile, null for
// removed ones), then the compiled index. Allocation-free; used by the answer path and by patches.
import type { Zone, ZoneNode } from "./types.ts";

export function findNode(zone: Zone, name: Uint8Array, start: number, end: number): ZoneNode | undefined {
  const overlay = zone.overlay;
  if (overlay !== null) {
    const o = overlay.get(name, start, end);
    if (o !== undefined) return o === null ? undefined : o;
  }
  return zone.names.get(name, start, end);
}
