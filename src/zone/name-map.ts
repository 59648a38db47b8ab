// A map keyed by lowercase wire-format names, looked up straight from packet bytes with no string or
// allocation: FNV-1a over the key's octets picks a bucket in a Map keyed by small integers (SMIs), and the
// octets, kept in one key arena, are compared on a hit. Used for the zone registry (apex -> zone) and each
// zone's owner index. The hash runs from the last octet to the first, so one backward pass over a qname
// gives the hash of every suffix (Query.labelHash) and no lookup hashes the same octets twice.

type Bucket<T> = { off: number; len: number; value: T; next: Bucket<T> | null };

export const HASH_SEED = 0x811c9dc5;

/** One more octet into a running hash (octets are fed last to first). */
export function hashStep(h: number, octet: number): number {
  return Math.imul(h ^ octet, 0x01000193);
}

/** The running hash as a map key: a small integer, so Map.get never boxes it. */
export function hashKey(h: number): number {
  return h & 0x3fffffff;
}

export function hashName(buf: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = end - 1; i >= start; i--) h = hashStep(h, buf[i] as number);
  return hashKey(h);
}

export class NameMap<T> {
  private readonly buckets = new Map<number, Bucket<T>>();
  private keys = new Uint8Array(256);
  private used = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  private same(b: Bucket<T>, buf: Uint8Array, start: number, end: number): boolean {
    if (b.len !== end - start) return false;
    const keys = this.keys;
    for (let i = 0; i < b.len; i++) if (keys[b.off + i] !== buf[start + i]) return false;
    return true;
  }

  /** The value stored for the name in buf[start, end), or undefined. */
  get(buf: Uint8Array, start: number, end: number): T | undefined {
    return this.getHashed(hashName(buf, start, end), buf, start, end);
  }

  /** As get(), with the name's hashName() already known. */
  getHashed(hash: number, buf: Uint8Array, start: number, end: number): T | undefined {
    for (let b: Bucket<T> | null | undefined = this.buckets.get(hash); b; b = b.next) if (this.same(b, buf, start, end)) return b.value;
    return undefined;
  }

  set(key: Uint8Array, value: T): void {
    const h = hashName(key, 0, key.length);
    const head = this.buckets.get(h);
    for (let b: Bucket<T> | null | undefined = head; b; b = b.next)
      if (this.same(b, key, 0, key.length)) {
        b.value = value;
        return;
      }
    if (this.used + key.length > this.keys.length) {
      const grown = new Uint8Array(Math.max(this.keys.length * 2, this.used + key.length));
      grown.set(this.keys.subarray(0, this.used));
      this.keys = grown;
    }
    this.keys.set(key, this.used);
    this.buckets.set(h, { off: this.used, len: key.length, value, next: head ?? null });
    this.used += key.length;
    this.count++;
  }

  /** An independent copy (O(size)): later writes to either map do not show in the other. */
  clone(): NameMap<T> {
    const out = new NameMap<T>();
    out.keys = this.keys.slice(0, Math.max(this.used, 1));
    out.used = this.used;
    out.count = this.count;
    for (const [h, head] of this.buckets) {
      let copy: Bucket<T> | null = null;
      for (let b: Bucket<T> | null = head; b; b = b.next) copy = { off: b.off, len: b.len, value: b.value, next: copy };
      out.buckets.set(h, copy as Bucket<T>);
    }
    return out;
  }

  delete(key: Uint8Array): boolean {
    const h = hashName(key, 0, key.length);
    let prev: Bucket<T> | null = null;
    for (let b = this.buckets.get(h) ?? null; b; prev = b, b = b.next) {
      if (!this.same(b, key, 0, key.length)) continue;
      if (prev) prev.next = b.next;
      else if (b.next) this.buckets.set(h, b.next);
      else this.buckets.delete(h);
      this.count--;
      return true;
    }
    return false;
  }
}
