// The live set of zones: apex -> snapshot. A change replaces one zone's snapshot with a single map write, so a
// query (synchronous, start to end) sees the old zone or the new one, never a mix.
import { NameMap } from "./name-map.ts";
import type { Zone } from "./types.ts";

export class ZoneRegistry {
  private readonly byApex = new NameMap<Zone>();
  private readonly byId = new Map<string, Zone>();

  get size(): number {
    return this.byId.size;
  }

  swap(zone: Zone): void {
    const old = this.byId.get(zone.id);
    if (old && old.apex !== zone.apex) this.byApex.delete(old.apexWire);
    this.byApex.set(zone.apexWire, zone);
    this.byId.set(zone.id, zone);
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byApex.delete(old.apexWire);
    this.byId.delete(id);
  }

  byDomainId(id: string): Zone | undefined {
    return this.byId.get(id);
  }

  /**
   * The most specific zone containing the lowercase wire name in `name[0, end)`, whose labels start at
   * `labelAt[0..labels)` with suffix hashes `labelHash`; undefined when no served zone contains it (the caller
   * answers REFUSED).
   */
  find(name: Uint8Array, labelAt: Int32Array, labelHash: Int32Array, labels: number, end: number): Zone | undefined {
    for (let i = 0; i < labels; i++) {
      const z = this.byApex.getHashed(labelHash[i] as number, name, labelAt[i] as number, end);
      if (z !== undefined) return z;
    }
    return undefined;
  }
}
