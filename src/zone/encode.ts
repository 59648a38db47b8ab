// Encodes RRsets into a zone's byte arena in the snapshot layout (see types.ts): owner pointer slot, fixed
// header, rdata with in-zone names compressed to an apex placeholder. Only names RFC 3597 s4 allows are
// compressed (NS, CNAME, PTR, MX, SOA); the writer finds them again by type.
import type { EncodedRRset } from "./types.ts";

/** Rdata as parts: raw bytes, or a wire name that may be compressed against the apex. */
export type RdataPart = Uint8Array | { name: Uint8Array; compress: boolean };

const CLASS_IN = 1;

/** Where the apex starts inside `name` when `name` ends with it at a label boundary, else -1. */
export function apexOffset(name: Uint8Array, apex: Uint8Array): number {
  for (let o = 0; o < name.length; o += (name[o] as number) + 1) {
    if (name.length - o === apex.length) {
      for (let i = 0; i < apex.length; i++) if (name[o + i] !== apex[i]) return -1;
      return o;
    }
    if (name[o] === 0) break;
  }
  return -1;
}

/** A growable byte arena; `bytes` holds everything written so far. */
export class Arena {
  bytes = new Uint8Array(4096);
  used = 0;

  reserve(n: number): number {
    if (this.used + n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const at = this.used;
    this.used += n;
    return at;
  }

  /**
   * Drops the unused tail once nothing more will be written. For a patch's arena: it lives as long as any of
   * its RRsets is served, through thousands of later patches, and holds a few hundred bytes of its 4 KiB.
   */
  trim(): void {
    if (this.used < this.bytes.length) this.bytes = this.bytes.slice(0, this.used);
  }
}

export type EncodedRR = { ttl: number; parts: readonly RdataPart[] };

/** One RRset into the arena. All RRs take the smallest TTL among them (RFC 2181 s5.2). */
export function encodeRRset(arena: Arena, type: number, rrs: readonly EncodedRR[], apex: Uint8Array, cnameTarget: Uint8Array | null = null): EncodedRRset {
  let ttl = Number.POSITIVE_INFINITY;
  let total = 0;
  for (const rr of rrs) {
    ttl = Math.min(ttl, rr.ttl);
    total += 12;
    for (const p of rr.parts) {
      if (p instanceof Uint8Array) total += p.length;
      else {
        const at = p.compress ? apexOffset(p.name, apex) : -1;
        total += at < 0 ? p.name.length : at + 2;
      }
    }
  }
  const off = arena.reserve(total);
  const b = arena.bytes;
  let o = off;
  for (const rr of rrs) {
    const start = o;
    b[o + 2] = type >> 8;
    b[o + 3] = type & 0xff;
    b[o + 4] = 0;
    b[o + 5] = CLASS_IN;
    b[o + 6] = ttl >>> 24;
    b[o + 7] = (ttl >>> 16) & 0xff;
    b[o + 8] = (ttl >>> 8) & 0xff;
    b[o + 9] = ttl & 0xff;
    o += 12;
    for (const p of rr.parts) {
      if (p instanceof Uint8Array) {
        b.set(p, o);
        o += p.length;
        continue;
      }
      const at = p.compress ? apexOffset(p.name, apex) : -1;
      if (at < 0) {
        b.set(p.name, o);
        o += p.name.length;
      } else {
        b.set(p.name.subarray(0, at), o);
        b[o + at] = 0xc0;
        b[o + at + 1] = 0;
        o += at + 2;
      }
    }
    const rdlen = o - start - 12;
    b[start + 10] = rdlen >> 8;
    b[start + 11] = rdlen & 0xff;
  }
  return { arena, type, count: rrs.length, off, len: total, cnameTarget };
}
