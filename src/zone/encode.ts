// Encodes RRsets into the snapshot's wire layout (see types.ts): owner pointer slot, fixed header, rdata with
// in-zone names compressed to a pointer at the apex. Only names RFC 3597 s4 allows are compressed.
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

function partLength(p: RdataPart, apex: Uint8Array): number {
  if (p instanceof Uint8Array) return p.length;
  const at = p.compress ? apexOffset(p.name, apex) : -1;
  return at < 0 ? p.name.length : at + 2;
}

/**
 * One RRset. All RRs take the smallest TTL among them (RFC 2181 s5.2). Duplicate rdata is dropped
 * (RFC 2181 s5: an RRset is a set).
 */
export function encodeRRset(type: number, ttls: readonly number[], rdatas: readonly RdataPart[][], apex: Uint8Array): EncodedRRset {
  const ttl = Math.min(...ttls);
  const seen = new Set<string>();
  const unique = rdatas.filter((parts) => {
    const key = parts.map((p) => (p instanceof Uint8Array ? Array.from(p) : Array.from(p.name))).join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sizes = unique.map((parts) => parts.reduce((n, p) => n + partLength(p, apex), 0));
  const total = sizes.reduce((n, s) => n + 12 + s, 0);
  const data = new Uint8Array(total);
  const dv = new DataView(data.buffer);
  const rrAt = new Int32Array(unique.length);
  const rdataAt = new Int32Array(unique.length);
  const apexAt: number[] = [];
  let o = 0;
  unique.forEach((parts, i) => {
    rrAt[i] = o;
    dv.setUint16(o + 2, type);
    dv.setUint16(o + 4, CLASS_IN);
    dv.setUint32(o + 6, ttl);
    dv.setUint16(o + 10, sizes[i] as number);
    o += 12;
    rdataAt[i] = o;
    for (const p of parts) {
      if (p instanceof Uint8Array) {
        data.set(p, o);
        o += p.length;
        continue;
      }
      const at = p.compress ? apexOffset(p.name, apex) : -1;
      if (at < 0) {
        data.set(p.name, o);
        o += p.name.length;
      } else {
        data.set(p.name.subarray(0, at), o);
        o += at;
        apexAt.push(o);
        o += 2;
      }
    }
  });
  return { type, count: unique.length, data, rrAt, rdataAt, apexAt: Int32Array.from(apexAt) };
}
