// A map keyed by lowercase wire-format names, looked up straight from packet bytes with no string or
// allocation: an open-addressing table of entry numbers in an Int32Array, each entry's key octets in one key
// arena, its hash and key position in typed arrays, its value in a plain array. Used for the zone registry
// (apex -> zone) and each zone's owner index. The hash (FNV-1a) runs from the last octet to the first, so one
// backward pass over a qname gives the hash of every suffix (Query.labelHash) and no lookup hashes twice.

export const HASH_SEED = 0x811c9dc5 | 0; // as an int32, so the JIT never sees the hash change type

/** One more octet into a running hash (octets are fed last to first). */
export function hashStep(h: number, octet: number): number {
  return Math.imul(h ^ octet, 0x01000193);
}

/** The running hash as a key: a small non-negative integer. */
export function hashKey(h: number): number {
  return h & 0x3fffffff;
}

export function hashName(buf: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = end - 1; i >= start; i--) h = hashStep(h, buf[i] as number);
  return hashKey(h);
}

const EMPTY = -1;
const DELETED = -2;

export class NameMap<T> {
  /** Slot -> entry number, EMPTY or DELETED; the length is a power of two at most half full. */
  private slots = new Int32Array(16).fill(EMPTY);
  private hashes = new Int32Array(8);
  private keyOff = new Int32Array(8);
  private keyLen = new Uint8Array(8);
  private values: (T | undefined)[] = [];
  private keys = new Uint8Array(256);
  private keysUsed = 0;
  private entries = 0;
  private live = 0;
  private tombstones = 0;

  get size(): number {
    return this.live;
  }

  private same(e: number, buf: Uint8Array, start: number, end: number): boolean {
    const len = this.keyLen[e] as number;
    if (len !== end - start) return false;
    const keys = this.keys;
    const off = this.keyOff[e] as number;
    for (let i = 0; i < len; i++) if (keys[off + i] !== buf[start + i]) return false;
    return true;
  }

  /** The slot holding the name, or -1. */
  private find(hash: number, buf: Uint8Array, start: number, end: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s] as number;
      if (e === EMPTY) return -1;
      if (e >= 0 && this.hashes[e] === hash && this.same(e, buf, start, end)) return s;
    }
  }

  /** The value stored for the name in buf[start, end), or undefined. */
  get(buf: Uint8Array, start: number, end: number): T | undefined {
    return this.getHashed(hashName(buf, start, end), buf, start, end);
  }

  /** As get(), with the name's hashName() already known. */
  getHashed(hash: number, buf: Uint8Array, start: number, end: number): T | undefined {
    const s = this.find(hash, buf, start, end);
    return s < 0 ? undefined : this.values[this.slots[s] as number];
  }

  set(key: Uint8Array, value: T): void {
    const hash = hashName(key, 0, key.length);
    const found = this.find(hash, key, 0, key.length);
    if (found >= 0) {
      this.values[this.slots[found] as number] = value;
      return;
    }
    if ((this.live + this.tombstones + 1) * 2 > this.slots.length) this.rehash();
    const e = this.entries++;
    if (e >= this.hashes.length) this.growEntries();
    if (this.keysUsed + key.length > this.keys.length) {
      const grown = new Uint8Array(Math.max(this.keys.length * 2, this.keysUsed + key.length));
      grown.set(this.keys.subarray(0, this.keysUsed));
      this.keys = grown;
    }
    this.keys.set(key, this.keysUsed);
    this.hashes[e] = hash;
    this.keyOff[e] = this.keysUsed;
    this.keyLen[e] = key.length;
    this.values[e] = value;
    this.keysUsed += key.length;
    this.place(e, hash);
    this.live++;
  }

  delete(key: Uint8Array): boolean {
    const s = this.find(hashName(key, 0, key.length), key, 0, key.length);
    if (s < 0) return false;
    this.values[this.slots[s] as number] = undefined;
    this.slots[s] = DELETED;
    this.live--;
    this.tombstones++;
    return true;
  }

  /** An independent copy: later writes to either map do not show in the other. */
  clone(): NameMap<T> {
    const out = new NameMap<T>();
    out.slots = this.slots.slice();
    out.hashes = this.hashes.slice();
    out.keyOff = this.keyOff.slice();
    out.keyLen = this.keyLen.slice();
    out.values = this.values.slice();
    out.keys = this.keys.slice(0, Math.max(this.keysUsed, 1));
    out.keysUsed = this.keysUsed;
    out.entries = this.entries;
    out.live = this.live;
    out.tombstones = this.tombstones;
    return out;
  }

  private place(e: number, hash: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while ((this.slots[s] as number) !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    const grow = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.hashes = grow(this.hashes, (k) => new Int32Array(k));
    this.keyOff = grow(this.keyOff, (k) => new Int32Array(k));
    this.keyLen = grow(this.keyLen, (k) => new Uint8Array(k));
  }

  /** Doubles the table when live entries fill it, or rebuilds it in place to drop tombstones. */
  private rehash(): void {
    const size = (this.live + 1) * 2 > this.slots.length / 2 ? this.slots.length * 2 : this.slots.length;
    const old = this.slots;
    this.slots = new Int32Array(size).fill(EMPTY);
    for (const e of old) if (e >= 0) this.place(e, this.hashes[e] as number);
    this.tombstones = 0;
  }
}
